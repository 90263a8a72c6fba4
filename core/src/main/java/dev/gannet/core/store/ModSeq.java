package dev.gannet.core.store;

import dev.gannet.core.error.GannetException;

/**
 * A mod-sequence (RFC 7162 §3.1): per mailbox, dense and strictly increasing with every change, so a
 * reader that knows N can ask the journal for N+1, N+2, ... and notice a gap. 0 means "nothing yet".
 */
public record ModSeq(long value) implements Comparable<ModSeq> {

    public static final ModSeq ZERO = new ModSeq(0);

    public ModSeq {
        if (value < 0) {
            throw GannetException.invalid("modseq must not be negative: " + value);
        }
    }

    public static ModSeq of(long value) {
        return new ModSeq(value);
    }

    public ModSeq next() {
        return new ModSeq(value + 1);
    }

    @Override
    public int compareTo(ModSeq o) {
        return Long.compare(value, o.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
