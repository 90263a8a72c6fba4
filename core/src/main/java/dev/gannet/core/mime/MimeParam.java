package dev.gannet.core.mime;

import java.util.Objects;

/**
 * One Content-Type or Content-Disposition parameter as BODYSTRUCTURE shows it (RFC 3501 §7.4.2):
 * name in its original case, value unquoted and unfolded. RFC 2231 continuations are joined the way
 * Dovecot does it: {@code name*0*}/{@code name*1*} become one {@code name*} whose value keeps its
 * {@code charset'lang'} prefix and percent-encoding; {@link #decodedValue()} decodes that.
 */
public record MimeParam(String name, String value) {

    public MimeParam {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** True for an RFC 2231 extended value ({@code name*}). */
    public boolean extended() {
        return name.endsWith("*");
    }

    /** Name without the RFC 2231 {@code *} marker. */
    public String baseName() {
        return extended() ? name.substring(0, name.length() - 1) : name;
    }

    /** The value with RFC 2231 charset/percent-encoding and RFC 2047 encoded-words decoded. */
    public String decodedValue() {
        return ParamDecoding.decode(this);
    }
}
