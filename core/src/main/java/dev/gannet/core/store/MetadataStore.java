package dev.gannet.core.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A user's IMAP METADATA entries (RFC 5464 §3): server entries (no mailbox) and entries of one of the user's
 * mailboxes, named by lower-case entry names such as {@code /private/comment}. Entries belong to the mailbox's
 * id, so they move with a rename and go when the mailbox is deleted. The number of entries per user is limited
 * by the caller's {@code maxEntries}; a set that would exceed it changes nothing, for all its entries together
 * (RFC 5464 §4.3: a SETMETADATA that fails sets none of its entries).
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
     * Sets each entry to its value, or removes it when the value is null, in order. When the new entries would
     * take the user past {@code maxEntries} (after the removals among them) the answer is TOO_MANY and nothing
     * is changed; concurrent sets are counted exactly, each taking all its new entries' slots or none. The one
     * exception: an entry that existed when the set began and is removed by someone else before it is written
     * needs a slot of its own, and if none is left then the entries before it stay set.
     */
    Mono<SetResult> set(UserId user, Optional<MailboxId> mailbox, Map<String, byte[]> entries, int maxEntries);

    /** {@link #set(UserId, Optional, Map, int)} for one entry. */
    default Mono<SetResult> set(UserId user, Optional<MailboxId> mailbox, String entry, byte[] value, int maxEntries) {
        Map<String, byte[]> one = new LinkedHashMap<>();
        one.put(entry, value);
        return set(user, mailbox, one, maxEntries);
    }

    /** Removes every entry of {@code mailbox} (after the mailbox itself is deleted); emits how many. */
    Mono<Long> deleteMailbox(UserId user, MailboxId mailbox);

    /** How many entries the user holds (the count the limit is checked against). */
    Mono<Long> count(UserId user);
}
