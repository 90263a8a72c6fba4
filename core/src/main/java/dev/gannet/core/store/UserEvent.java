package dev.gannet.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A change to a user's mailbox list, in the user's journal stream (dense sequence per user): mailbox
 * created, renamed (with the old name), deleted or (un)subscribed, or METADATA entries (RFC 5464) changed:
 * {@code entries} names them, {@code mailbox} is their mailbox (no name: it may have been renamed since) or
 * null for server entries. Message-level changes are in the mailbox journal instead.
 */
public record UserEvent(UserId user, long seq, Kind kind, MailboxId mailbox, MailboxName name,
        Optional<MailboxName> oldName, Instant at, List<String> entries) {

    /** What happened to the mailbox. */
    public enum Kind { CREATED, RENAMED, DELETED, SUBSCRIBED, UNSUBSCRIBED, METADATA, SKIPPED }

    public UserEvent {
        Objects.requireNonNull(user);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(oldName);
        Objects.requireNonNull(at);
        entries = List.copyOf(entries);
    }
}
