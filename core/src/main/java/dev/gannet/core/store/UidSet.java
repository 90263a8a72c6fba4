package dev.gannet.core.store;

import dev.gannet.core.error.GannetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A set of UIDs as sorted, non-overlapping, non-adjacent closed ranges (the store's form of an IMAP
 * sequence set, RFC 3501 §9 {@code sequence-set}, after the IMAP layer has resolved {@code *}).
 */
public record UidSet(List<Range> ranges) {

    /** A closed range {@code [first, last]}. */
    public record Range(long first, long last) {
        public Range {
            if (first < 1 || last > Uid.MAX || first > last) {
                throw GannetException.invalid("bad uid range " + first + ":" + last);
            }
        }
    }

    public static final UidSet ALL = new UidSet(List.of(new Range(1, Uid.MAX)));

    public UidSet {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> Long.compare(a.first, b.first));
        List<Range> merged = new ArrayList<>();
        for (Range r : sorted) {
            if (!merged.isEmpty() && merged.get(merged.size() - 1).last + 1 >= r.first) {
                Range prev = merged.remove(merged.size() - 1);
                merged.add(new Range(prev.first, Math.max(prev.last, r.last)));
            } else {
                merged.add(r);
            }
        }
        ranges = List.copyOf(merged);
    }

    public static UidSet range(long first, long last) {
        return new UidSet(List.of(new Range(first, last)));
    }

    public static UidSet of(Uid... uids) {
        return of(List.of(uids));
    }

    public static UidSet of(Collection<Uid> uids) {
        List<Range> rs = new ArrayList<>();
        for (Uid u : new TreeSet<>(uids)) {
            rs.add(new Range(u.value(), u.value()));
        }
        return new UidSet(rs);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean contains(long uid) {
        int lo = 0;
        int hi = ranges.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Range r = ranges.get(mid);
            if (uid < r.first) {
                hi = mid - 1;
            } else if (uid > r.last) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** The members of this set that occur in {@code existing} (sorted ascending), in order. */
    public long[] intersect(long[] existing) {
        long[] out = new long[existing.length];
        int n = 0;
        for (long u : existing) {
            if (contains(u)) {
                out[n++] = u;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
