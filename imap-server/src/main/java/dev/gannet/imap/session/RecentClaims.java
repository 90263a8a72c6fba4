package dev.gannet.imap.session;

import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.MailboxStore;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The messages one session holds as {@code \Recent} (RFC 3501 §2.3.2): the UID ranges the store's recent mark
 * handed to it, and to no other session. A claim runs up to the highest UID of the session's view at the moment
 * it runs, never before: a view learns UIDs in ascending order (the journal allocates them with the modseq), so
 * everything up to that UID that the session will ever see is already in its view, and nothing above it is
 * taken from a session that might see it first. A claim built from a view before its catch-up took only the
 * UIDs of the cached list and left the rest to the next session that selected the mailbox.
 */
final class RecentClaims {

    /** {@code (low, high]} ranges, ascending and disjoint: the mark only rises. */
    private final List<long[]> ranges = new ArrayList<>();

    /** Records that the store handed this session the UIDs {@code (before, upTo]}. */
    synchronized void add(long before, long upTo) {
        if (before >= upTo) {
            return;
        }
        long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
        if (last != null && last[1] == before) {
            last[1] = upTo;
        } else {
            ranges.add(new long[] {before, upTo});
        }
    }

    /** Raises the mailbox's recent mark to the view's highest UID, computed when the Mono is subscribed. */
    Mono<Void> claim(MailboxStore mailboxes, MailboxId id, java.util.function.LongSupplier upTo) {
        return Mono.defer(() -> {
            long high = upTo.getAsLong();
            if (high == 0) {
                return Mono.empty();
            }
            return mailboxes.claimRecent(id, high).doOnNext(before -> add(before, high)).then();
        });
    }

    synchronized boolean contains(long uid) {
        for (long[] r : ranges) {
            if (uid > r[0] && uid <= r[1]) {
                return true;
            }
        }
        return false;
    }

    /** How many of the first {@code size} (ascending) UIDs are recent. */
    synchronized int count(long[] uids, int size) {
        int n = 0;
        for (long[] r : ranges) {
            n += index(uids, size, r[1]) - index(uids, size, r[0]);
        }
        return n;
    }

    /** The recent UIDs among the first {@code size} (ascending) UIDs. */
    synchronized long[] in(long[] uids, int size) {
        long[] out = new long[count(uids, size)];
        int n = 0;
        for (long[] r : ranges) {
            for (int i = index(uids, size, r[0]); i < index(uids, size, r[1]); i++) {
                out[n++] = uids[i];
            }
        }
        return out;
    }

    /** The number of UIDs {@code <= uid}. */
    private static int index(long[] uids, int size, long uid) {
        int i = Arrays.binarySearch(uids, 0, size, uid);
        return i >= 0 ? i + 1 : -i - 1;
    }
}
