package dev.gannet.core.store;

import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A user's IMAP METADATA entries (RFC 5464 §3): server entries (no mailbox) and entries of one of the user's
 * mailboxes, named by lower-case entry names such as {@code /private/comment}. Entries belong to the mailbox's
 * id, so they move with a rename and go when the mailbox is deleted. The number of entries per user is limited
 * by the caller's {@code maxEntries}; a set that would exceed it changes nothing.
 */
public interface MetadataStore {

    /** The outcome of {@link #set}. */
    enum SetResult { SET, TOO_MANY }

    /**
     * The entry {@code entry} itself if it exists, then its descendants down to {@code depth} levels below it
     * (0 none, -1 all), in name order.
     */
    Flux<MetadataEntry> get(UserId user, Optional<MailboxId> mailbox, String entry, int depth);

    /**
     * Sets {@code entry} to {@code value}, or removes it when {@code value} is null. A new entry is refused with
     * TOO_MANY when the user has {@code maxEntries} already, counting concurrent sets exactly.
     */
    Mono<SetResult> set(UserId user, Optional<MailboxId> mailbox, String entry, byte[] value, int maxEntries);

    /** Removes every entry of {@code mailbox} (after the mailbox itself is deleted); emits how many. */
    Mono<Long> deleteMailbox(UserId user, MailboxId mailbox);

    /** How many entries the user holds (the count the limit is checked against). */
    Mono<Long> count(UserId user);
}
