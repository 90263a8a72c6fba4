package dev.gannet.imap.protocol;

/**
 * A command that does not match the RFC 3501 §9 grammar. The session answers it with a tagged {@code BAD}
 * (or an untagged one when not even the tag could be read); the message is shown to the client, so it
 * names the grammar rule, never any data.
 */
public final class ImapParseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ImapParseException(String message) {
        super(message, null, false, false);
    }
}
