package dev.gannet.core.mime;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One node of the MIME tree with everything BODY/BODYSTRUCTURE need (RFC 3501 §7.4.2) and the byte
 * ranges that serve {@code BODY[n]} and {@code BODY[n.MIME]} (RFC 3501 §6.4.5). The body of a message
 * (the root, or the message inside a message/rfc822 part) is itself a BodyPart whose header range is
 * the message header: when it is not multipart it is part {@code 1} (or {@code n.1}); when it is
 * multipart it carries the message's own number ("" for the root) and its children are
 * {@code 1}, {@code 2}, ... Values follow Dovecot: type/subtype in their original case (text/plain
 * when there is no usable Content-Type, message/rfc822 under multipart/digest), transfer encoding
 * as written ({@code 7bit} when absent or invalid), Content-* values raw but unfolded, first
 * occurrence wins. {@code lines} counts LF bytes in the body range; the size is the body range
 * length in raw octets.
 */
public record BodyPart(
        String partNumber,
        Kind kind,
        ByteRange header,
        ByteRange body,
        String type,
        String subtype,
        List<MimeParam> params,
        String contentId,
        String description,
        String transferEncoding,
        long lines,
        String md5,
        Disposition disposition,
        List<String> languages,
        String location,
        List<BodyPart> parts,
        MessageNode message,
        LeafInfo leaf) {

    /** LEAF: a single body; MULTIPART: children in {@link #parts()}; MESSAGE: message/rfc822 in {@link #message()}. */
    public enum Kind { LEAF, MULTIPART, MESSAGE }

    public BodyPart {
        Objects.requireNonNull(partNumber, "partNumber");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subtype, "subtype");
        Objects.requireNonNull(transferEncoding, "transferEncoding");
        params = List.copyOf(params);
        languages = List.copyOf(languages);
        parts = List.copyOf(parts);
        if (header.end() != body.start()) {
            throw new IllegalArgumentException("body must start where the header ends");
        }
        if (lines < 0) {
            throw new IllegalArgumentException("lines < 0");
        }
        if ((kind == Kind.MESSAGE) != (message != null)) {
            throw new IllegalArgumentException("message is required exactly for MESSAGE parts");
        }
        if ((kind == Kind.LEAF) != (leaf != null)) {
            throw new IllegalArgumentException("leaf info is required exactly for LEAF parts");
        }
        if (kind != Kind.MULTIPART && !parts.isEmpty()) {
            throw new IllegalArgumentException("only MULTIPART parts have children");
        }
    }

    /** Body size in octets, as BODYSTRUCTURE's body-fld-octets. */
    public long size() {
        return body.length();
    }

    public boolean isText() {
        return kind == Kind.LEAF && type.equalsIgnoreCase("text");
    }

    /** The mime type in lower case, e.g. {@code text/plain}. */
    public String mimeType() {
        return (type + "/" + subtype).toLowerCase(Locale.ROOT);
    }

    public TransferEncoding encoding() {
        return TransferEncoding.of(transferEncoding);
    }

    /** First parameter with this name (case-insensitive, RFC 2231 marker ignored), or null. */
    public MimeParam param(String name) {
        for (MimeParam p : params) {
            if (p.baseName().equalsIgnoreCase(name)) {
                return p;
            }
        }
        return null;
    }

    /** The charset parameter, or {@code us-ascii} for text parts without one (RFC 2045 §5.2). */
    public String charset() {
        MimeParam p = param("charset");
        if (p != null) {
            return p.decodedValue();
        }
        return isText() ? "us-ascii" : null;
    }

    /** The multipart boundary parameter, or null. */
    public String boundary() {
        MimeParam p = param("boundary");
        return p == null ? null : p.decodedValue();
    }
}
