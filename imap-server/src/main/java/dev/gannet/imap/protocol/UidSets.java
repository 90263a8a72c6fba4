package dev.gannet.imap.protocol;

import dev.gannet.core.store.Uid;
import dev.gannet.core.store.UidSet;

import java.util.ArrayList;
import java.util.List;

/** Converts sorted UID arrays to the store's {@link UidSet} and to the compact IMAP form {@code 1:3,7} (RFC 4315 §3). */
public final class UidSets {

    private UidSets() {
    }

    /** Consecutive UIDs become one range; {@code sorted} must be ascending. */
    public static UidSet of(long[] sorted) {
        List<UidSet.Range> ranges = new ArrayList<>();
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[j] + 1) {
                j++;
            }
            ranges.add(new UidSet.Range(sorted[i], sorted[j]));
            i = j + 1;
        }
        return new UidSet(ranges);
    }

    /** The numbers in the order given, with runs of consecutive ascending numbers written {@code a:b}. */
    public static String format(List<Uid> uids) {
        long[] n = uids.stream().mapToLong(Uid::value).toArray();
        return format(n);
    }

    public static String format(long[] n) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < n.length) {
            int j = i;
            while (j + 1 < n.length && n[j + 1] == n[j] + 1) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(n[i]);
            if (j > i) {
                sb.append(':').append(n[j]);
            }
            i = j + 1;
        }
        return sb.toString();
    }
}
