package dev.gannet.core.mime;

import java.util.Objects;

/**
 * A whole message, the root or one inside a message/rfc822 part (RFC 2046 §5.2.1): its header and
 * body ranges serve {@code BODY[HEADER]}/{@code BODY[TEXT]} (or {@code n.HEADER}/{@code n.TEXT}),
 * its envelope is ENVELOPE, and {@link #body()} is the part tree below it (RFC 3501 §6.4.5).
 */
public record MessageNode(ByteRange header, ByteRange text, Envelope envelope, BodyPart body) {

    public MessageNode {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(body, "body");
        if (header.end() != text.start()) {
            throw new IllegalArgumentException("text must start where the header ends");
        }
    }

    /** The whole message: header and text. */
    public ByteRange whole() {
        return new ByteRange(header.start(), text.end());
    }
}
