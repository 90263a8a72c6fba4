package dev.gannet.core.store;

import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Reads the change journal. Because modseqs are dense, a modseq that is allocated but whose entry is not
 * written yet is a gap: readers wait for it (bounded) rather than skip it, so every change is seen
 * exactly once and in order. Old entries are trimmed by {@link #trim}, which the tasks role schedules.
 */
public interface Journal {

    /** Entries of {@code mailbox} after {@code after}, up to its current highest modseq. */
    Mono<JournalPage> changesSince(MailboxId mailbox, ModSeq after);

    /** Mailbox-list events of {@code user} with sequence numbers above {@code after}, in order. */
    Mono<List<UserEvent>> userChangesSince(UserId user, long after);

    /**
     * The sequence number of the user's latest mailbox-list event (0 if none): where a reader that wants only
     * later events starts (IMAP NOTIFY). One read of the user document by {@code _id}.
     */
    Mono<Long> userSeq(UserId user);

    /** Deletes entries older than {@code maxAge}; emits how many were removed. */
    Mono<Long> trim(Duration maxAge);
}
