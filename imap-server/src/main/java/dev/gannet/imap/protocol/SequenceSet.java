package dev.gannet.imap.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * An IMAP {@code sequence-set} (RFC 3501 §9): comma-separated numbers and ranges where {@code *} stands for
 * the largest number in use. Kept as written until the session resolves it against a mailbox, because
 * {@code *} means the highest message sequence number for FETCH and the highest UID for UID FETCH.
 */
public record SequenceSet(List<Range> ranges) {

    /** Stands for {@code *}. */
    public static final long STAR = -1;

    private static final long SAVED_MARK = -2;

    /** {@code $}, the result saved by the last SEARCH with SAVE (RFC 5182): the session resolves it, not {@link #resolve}. */
    public static final SequenceSet SAVED = new SequenceSet(List.of(new Range(SAVED_MARK, SAVED_MARK)));

    /** {@code a:b} as written; either end may be {@link #STAR}; a single number has {@code from == to}. */
    public record Range(long from, long to) {
    }

    public SequenceSet {
        if (ranges.isEmpty()) {
            throw new ImapParseException("empty sequence set");
        }
        ranges = List.copyOf(ranges);
    }

    /** Parses {@code 1,3:5,7:*}; numbers must be non-zero 32-bit unsigned. */
    public static SequenceSet parse(String text) {
        List<Range> ranges = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                long n = number(part);
                ranges.add(new Range(n, n));
            } else {
                ranges.add(new Range(number(part.substring(0, colon)), number(part.substring(colon + 1))));
            }
        }
        return new SequenceSet(ranges);
    }

    private static long number(String s) {
        if (s.equals("*")) {
            return STAR;
        }
        if (s.isEmpty() || s.length() > 10 || s.charAt(0) == '0') {
            throw new ImapParseException("bad sequence set");
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new ImapParseException("bad sequence set");
            }
            n = n * 10 + (c - '0');
        }
        if (n > 0xFFFF_FFFFL) {
            throw new ImapParseException("number out of range");
        }
        return n;
    }

    /**
     * The ranges with {@code *} replaced by {@code max} and each range ordered low to high (RFC 3501 allows
     * {@code 5:2}). With {@code max == 0} (an empty mailbox) {@code *} resolves to 0, so only ranges that
     * use {@code *} resolve to nothing.
     */
    public List<long[]> resolve(long max) {
        if (isSaved()) {
            return List.of();
        }
        List<long[]> out = new ArrayList<>(ranges.size());
        for (Range r : ranges) {
            long a = r.from == STAR ? max : r.from;
            long b = r.to == STAR ? max : r.to;
            long lo = Math.min(a, b);
            long hi = Math.max(a, b);
            if (hi == 0) {
                continue;
            }
            out.add(new long[] {Math.max(lo, 1), hi});
        }
        return out;
    }

    /** True for {@code $} (RFC 5182). */
    public boolean isSaved() {
        return ranges.size() == 1 && ranges.get(0).from == SAVED_MARK;
    }

    /** True if the set mentions {@code *} anywhere. */
    public boolean usesStar() {
        return ranges.stream().anyMatch(r -> r.from == STAR || r.to == STAR);
    }

    @Override
    public String toString() {
        if (isSaved()) {
            return "$";
        }
        StringBuilder sb = new StringBuilder();
        for (Range r : ranges) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(r.from == STAR ? "*" : Long.toString(r.from));
            if (r.to != r.from) {
                sb.append(':').append(r.to == STAR ? "*" : Long.toString(r.to));
            }
        }
        return sb.toString();
    }
}
