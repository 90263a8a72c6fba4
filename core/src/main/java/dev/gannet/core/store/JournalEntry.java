package dev.gannet.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One change to a mailbox, keyed by its modseq (ARCHITECTURE.md "Change notification"). Readers apply
 * entries in modseq order: APPENDED and FLAGS name UIDs to (re)fetch, EXPUNGED names UIDs that are gone.
 * SKIPPED marks a modseq whose writer never recorded it (crash, or a reader gave up waiting); it carries
 * no change, and the writer, if it was only slow, re-records its change under a new modseq.
 */
public record JournalEntry(MailboxId mailbox, ModSeq modseq, Kind kind, List<Uid> uids, Instant at) {

    /** What happened. */
    public enum Kind { APPENDED, EXPUNGED, FLAGS, SKIPPED }

    public JournalEntry {
        Objects.requireNonNull(mailbox);
        Objects.requireNonNull(modseq);
        Objects.requireNonNull(kind);
        uids = List.copyOf(uids);
        Objects.requireNonNull(at);
    }
}
