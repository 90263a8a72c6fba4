package dev.gannet.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A change to a user's mailbox list, in the user's journal stream (dense sequence per user): mailbox
 * created, renamed (with the old name), deleted or (un)subscribed. Message-level changes are in the
 * mailbox journal instead.
 */
public record UserEvent(UserId user, long seq, Kind kind, MailboxId mailbox, MailboxName name,
        Optional<MailboxName> oldName, Instant at) {

    /** What happened to the mailbox. */
    public enum Kind { CREATED, RENAMED, DELETED, SUBSCRIBED, UNSUBSCRIBED, SKIPPED }

    public UserEvent {
        Objects.requireNonNull(user);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(oldName);
        Objects.requireNonNull(at);
    }
}
