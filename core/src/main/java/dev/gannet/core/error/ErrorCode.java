package dev.gannet.core.error;

/**
 * The stable codes of {@link GannetException}. Protocol mappers switch on these, never on messages, so a
 * code once published keeps its meaning: IMAP response codes, SMTP/LMTP enhanced status codes and HTTP
 * statuses are derived from it in exactly one mapper per protocol.
 */
public enum ErrorCode {
    /** The user, mailbox, message or address does not exist. */
    NOT_FOUND,
    /** A unique name (user, address, mailbox path) is taken. */
    ALREADY_EXISTS,
    /** Accepting this would exceed the user's storage quota. */
    OVER_QUOTA,
    /** The message or value is larger than a configured limit. */
    TOO_BIG,
    /** Storage or a dependency failed or timed out; the client should retry later (temporary failure). */
    UNAVAILABLE,
    /** A plugin refused the message; carries the plugin's reason. */
    REJECTED,
    /** The request is malformed or violates a rule (bad name, bad flag, INBOX delete, ...). */
    INVALID,
    /** A concurrent change won (e.g. the mailbox was deleted meanwhile); retrying may succeed. */
    CONFLICT,
    /** Wrong username or password, or the account is disabled. */
    AUTH_FAILED
}
