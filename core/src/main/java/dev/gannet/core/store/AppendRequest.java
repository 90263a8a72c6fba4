package dev.gannet.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One message to store. {@code origin} tells plugins where it came from; the message bytes are stored
 * exactly as given, except that a bare LF is stored as CRLF (docs/store.md "Line endings"), after any
 * header lines the before-store hooks prepend.
 */
public record AppendRequest(UserId user, MailboxId mailbox, MessageSource source, Flags flags,
        Instant internalDate, Origin origin) {

    /** Where a message entered Gannet. */
    public enum Origin { LMTP, IMAP, API, INTERNAL }

    public AppendRequest {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(source, "source");
        flags = flags == null ? Flags.NONE : flags;
        internalDate = internalDate == null ? Instant.now() : internalDate;
        Objects.requireNonNull(origin, "origin");
    }
}
