package dev.gannet.core.store;

import dev.gannet.core.error.GannetException;

/** An IMAP UID (RFC 3501 §2.3.1.1): a non-zero unsigned 32-bit number, ascending and never reused. */
public record Uid(long value) implements Comparable<Uid> {

    public static final long MAX = 0xFFFF_FFFFL;

    public Uid {
        if (value < 1 || value > MAX) {
            throw GannetException.invalid("uid out of range: " + value);
        }
    }

    public static Uid of(long value) {
        return new Uid(value);
    }

    @Override
    public int compareTo(Uid o) {
        return Long.compare(value, o.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
