package dev.gannet.imap.command.search;

import dev.gannet.core.store.SearchKey;
import dev.gannet.imap.protocol.SequenceSet;

import java.util.List;

/**
 * A parsed IMAP search key (RFC 3501 §6.4.4): the store's {@link SearchKey} where one exists, and the keys
 * that need the session — message sets, RECENT, and the relative WITHIN ages (RFC 5032) — until the
 * handler resolves them against the selected mailbox and the clock.
 */
public sealed interface Criterion {

    record Store(SearchKey key) implements Criterion {
    }

    /** A set of sequence numbers. */
    record Sequences(SequenceSet set) implements Criterion {
    }

    /** UID set. */
    record Uids(SequenceSet set) implements Criterion {
    }

    /** RECENT (NEW is RECENT UNSEEN; OLD is NOT RECENT). */
    record Recent() implements Criterion {
    }

    /** YOUNGER n ({@code younger}) or OLDER n, in seconds. */
    record Within(long seconds, boolean younger) implements Criterion {
    }

    /** MODSEQ n (RFC 7162 §3.1.5). */
    record ModSeq(long modseq) implements Criterion {
    }

    record AllOf(List<Criterion> keys) implements Criterion {
        public AllOf {
            keys = List.copyOf(keys);
        }
    }

    record AnyOf(Criterion left, Criterion right) implements Criterion {
    }

    record Negated(Criterion key) implements Criterion {
    }
}
