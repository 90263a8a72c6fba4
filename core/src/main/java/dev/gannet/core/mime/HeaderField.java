package dev.gannet.core.mime;

import java.util.Objects;

/** A header field for SEARCH HEADER (RFC 3501 §6.4.4): name as written, value unfolded and RFC 2047-decoded. */
public record HeaderField(String name, String value) {

    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
