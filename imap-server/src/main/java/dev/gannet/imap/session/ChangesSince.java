package dev.gannet.imap.session;

import dev.gannet.core.store.JournalEntry;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.MessageMeta;
import dev.gannet.core.store.ModSeq;
import dev.gannet.core.store.SearchKey;
import dev.gannet.core.store.Uid;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * What changed in the selected mailbox after a modseq the client names, for QRESYNC (RFC 7162 §3.2.5 SELECT,
 * §3.2.6 UID FETCH VANISHED): the UIDs expunged since, and the messages of the view whose modseq is higher.
 * Both are read from the journal, up to the modseq the view is exact at; later changes reach the client by the
 * usual sync. Where the journal no longer reaches back that far (trimmed), every UID of the client's range that
 * the view lacks is reported as expunged, which §3.2.5.2 allows, and the changed messages come from one SEARCH
 * MODSEQ. UIDs still in the view are never reported as vanished: a pending expunge is sent live instead.
 */
public final class ChangesSince {

    /** Bounds the journal walk (1,000 entries a page), so a very old modseq falls back instead of reading forever. */
    private static final int MAX_PAGES = 200;

    private final boolean reached;
    private final TreeSet<Long> expunged;
    private final TreeSet<Long> touched;

    private ChangesSince(boolean reached, TreeSet<Long> expunged, TreeSet<Long> touched) {
        this.reached = reached;
        this.expunged = expunged;
        this.touched = touched;
    }

    /** Reads the journal of {@code sel}'s mailbox after {@code modseq}, up to the view's modseq. */
    public static Mono<ChangesSince> read(MailStore store, SelectedMailbox sel, long modseq) {
        ChangesSince acc = new ChangesSince(true, new TreeSet<>(), new TreeSet<>());
        if (modseq >= sel.knownModseq()) {
            return Mono.just(acc);
        }
        return page(store, sel, modseq, sel.knownModseq(), acc, 0);
    }

    private static Mono<ChangesSince> page(MailStore store, SelectedMailbox sel, long after, long limit,
            ChangesSince acc, int pages) {
        if (pages >= MAX_PAGES) {
            return Mono.just(new ChangesSince(false, new TreeSet<>(), new TreeSet<>()));
        }
        return store.journal().changesSince(sel.id(), ModSeq.of(after)).flatMap(page -> {
            if (page.resyncNeeded()) {
                return Mono.just(new ChangesSince(false, new TreeSet<>(), new TreeSet<>()));
            }
            for (JournalEntry e : page.entries()) {
                if (e.modseq().value() > limit) {
                    return Mono.just(acc);
                }
                switch (e.kind()) {
                    case EXPUNGED -> e.uids().forEach(u -> {
                        acc.expunged.add(u.value());
                        acc.touched.remove(u.value());
                    });
                    case APPENDED, FLAGS -> e.uids().forEach(u -> acc.touched.add(u.value()));
                    case SKIPPED -> {
                    }
                }
            }
            long upTo = page.upTo().value();
            return page.entries().isEmpty() || upTo <= after || upTo >= limit ? Mono.just(acc)
                    : page(store, sel, upTo, limit, acc, pages + 1);
        });
    }

    /**
     * The UIDs expunged since the modseq that fall in {@code ranges} (ascending, non-overlapping after
     * {@link #normalize}) and are not in the view, as ranges. With the journal out of reach, that is every UID of
     * the ranges the view lacks.
     */
    public List<long[]> vanished(SelectedMailbox sel, List<long[]> ranges) {
        List<long[]> within = normalize(ranges);
        List<long[]> out = new ArrayList<>();
        if (reached) {
            for (long uid : expunged) {
                if (contains(within, uid) && sel.seqOf(uid) < 0) {
                    append(out, uid, uid);
                }
            }
            return out;
        }
        long[] view = sel.uids();
        for (long[] r : within) {
            long next = r[0];
            int i = Arrays.binarySearch(view, r[0]);
            i = i < 0 ? -i - 1 : i;
            for (; i < view.length && view[i] <= r[1]; i++) {
                if (view[i] > next) {
                    append(out, next, view[i] - 1);
                }
                next = view[i] + 1;
            }
            if (next <= r[1]) {
                append(out, next, r[1]);
            }
        }
        return out;
    }

    /** The view's messages whose modseq is above {@code modseq}, ascending by UID. */
    public Mono<List<MessageMeta>> changed(MailStore store, SelectedMailbox sel, long modseq) {
        Mono<long[]> candidates = reached
                ? Mono.just(touched.stream().mapToLong(Long::longValue).filter(u -> sel.seqOf(u) > 0).toArray())
                : store.messages().search(sel.id(), new SearchKey.ModSeqAtLeast(modseq + 1))
                        .map(found -> found.stream().mapToLong(Uid::value).filter(u -> sel.seqOf(u) > 0).toArray());
        return candidates.flatMap(uids -> uids.length == 0 ? Mono.just(List.<MessageMeta>of())
                : store.messages().listKnown(sel.id(), uids)
                        .filter(m -> m.modseq().value() > modseq && sel.seqOf(m.uid().value()) > 0)
                        .collectList());
    }

    /** {@code ranges} sorted and merged. */
    static List<long[]> normalize(List<long[]> ranges) {
        List<long[]> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] r : sorted) {
            if (!out.isEmpty() && r[0] <= out.get(out.size() - 1)[1] + 1) {
                long[] last = out.get(out.size() - 1);
                last[1] = Math.max(last[1], r[1]);
            } else {
                out.add(new long[] {r[0], r[1]});
            }
        }
        return out;
    }

    private static boolean contains(List<long[]> ranges, long uid) {
        int lo = 0;
        int hi = ranges.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long[] r = ranges.get(mid);
            if (uid < r[0]) {
                hi = mid - 1;
            } else if (uid > r[1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private static void append(List<long[]> out, long from, long to) {
        if (!out.isEmpty() && out.get(out.size() - 1)[1] + 1 == from) {
            out.get(out.size() - 1)[1] = to;
        } else {
            out.add(new long[] {from, to});
        }
    }

    /** The ranges in IMAP form, {@code 1:3,7}. */
    public static String format(List<long[]> ranges) {
        StringBuilder sb = new StringBuilder();
        for (long[] r : ranges) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(r[0]);
            if (r[1] > r[0]) {
                sb.append(':').append(r[1]);
            }
        }
        return sb.toString();
    }
}
