package dev.gannet.imap.command.append;

import dev.gannet.imap.codec.Fragment;

import java.time.Instant;
import java.util.List;

/**
 * One message of an APPEND (RFC 3502 §6.3.11 {@code append-message}): its flags, internal date (null when not
 * given) and data, either one literal or literal8 (RFC 3516 §4.4), or CATENATE parts (RFC 4469 §5) joined in
 * order into the message.
 */
public record AppendMessage(List<String> flags, Instant internalDate, List<Part> parts, boolean catenate) {

    public AppendMessage {
        flags = List.copyOf(flags);
        parts = List.copyOf(parts);
    }

    /** A piece of the message's data. */
    public sealed interface Part {
    }

    /** Literal bytes: the message itself, or a CATENATE {@code TEXT} part. */
    public record Literal(Fragment data) implements Part {
    }

    /** A CATENATE {@code URL} part: an IMAP URL (RFC 5092) of a message or section the user can read. */
    public record Url(String url) implements Part {
    }
}
