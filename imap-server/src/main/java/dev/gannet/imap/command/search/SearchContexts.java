package dev.gannet.imap.command.search;

import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.SearchKey;
import dev.gannet.core.store.SortKeys;
import dev.gannet.core.store.Uid;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Responder;
import dev.gannet.imap.session.SelectedMailbox;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The searches and sorts a session asked to keep up to date with RETURN (UPDATE) (RFC 5267 §4.3), for the
 * selected mailbox only (a new SELECT starts without any). Each keeps its criteria, resolved to UIDs when the
 * command ran, its sort order if it is a SORT, and the UIDs it last reported, in result order. After every sync
 * that saw a change (new messages, flag changes, this session's own STOREs) the criteria are evaluated again
 * (a sorted result re-sorted from the stored sort keys, never the message bytes) and the difference is sent as
 * REMOVEFROM and then ADDTO; a message leaving the view is reported as it is expunged, just before its EXPUNGE,
 * while its sequence number still holds (as Dovecot 2.3 orders them). A SEARCH result is in mailbox order, so
 * its positions are 0; a SORT result's are the 1-based positions in the sorted list (§4.3.3, §4.3.4), each
 * pair meant to be applied after the ones before it.
 */
public final class SearchContexts {

    /** Beyond this many contexts a new UPDATE is refused with {@code NOUPDATE} (RFC 5267 §4.3.1). */
    static final int MAX_CONTEXTS = 10;

    private final Responder out;
    private final Map<String, Context> byTag = new LinkedHashMap<>();

    private static final class Context {
        final String tag;
        final boolean uid;
        final SearchKey key;
        /** The SORT order of the result, or null for a SEARCH, whose result is ascending. */
        final Comparator<SortKeys> order;
        /** The UIDs last reported, in result order: a primitive array, as a context may cover a large mailbox. */
        long[] result = new long[0];
        long modseq;
        int exists;

        Context(String tag, boolean uid, SearchKey key, Comparator<SortKeys> order) {
            this.tag = tag;
            this.uid = uid;
            this.key = key;
            this.order = order;
        }
    }

    private SearchContexts(Responder out) {
        this.out = out;
    }

    /**
     * Starts keeping {@code result} (UIDs in result order) of the search or sort tagged {@code tag} up to date;
     * {@code order} is null for a SEARCH. False (and nothing kept) when the session already has
     * {@link #MAX_CONTEXTS}. A tag used again replaces its context.
     */
    static boolean add(ImapSession s, String tag, boolean uid, SearchKey key, Comparator<SortKeys> order, long[] result) {
        SelectedMailbox sel = s.selected();
        SearchContexts contexts = sel.contexts();
        if (contexts == null) {
            contexts = new SearchContexts(s.out());
            sel.contexts(contexts);
        }
        if (!contexts.byTag.containsKey(tag) && contexts.byTag.size() >= MAX_CONTEXTS) {
            return false;
        }
        Context c = new Context(tag, uid, key, order);
        c.result = result.clone();
        c.modseq = sel.knownModseq();
        c.exists = sel.exists();
        contexts.byTag.put(tag, c);
        return true;
    }

    /** CANCELUPDATE (RFC 5267 §4.3.5): NO, and nothing cancelled, if a tag names no context. */
    public static Mono<Tagged> cancel(ImapCommand.CancelUpdate c, ImapSession s) {
        SearchContexts contexts = s.selected().contexts();
        for (String tag : c.tags()) {
            if (contexts == null || !contexts.byTag.containsKey(tag)) {
                return Mono.just(Tagged.no(null, "Unknown tag"));
            }
        }
        c.tags().forEach(contexts.byTag::remove);
        return Mono.just(Tagged.ok("Updates cancelled"));
    }

    /** {@code uid} (sequence number {@code seq}) is about to be reported expunged. */
    public void expunging(long uid, int seq) {
        for (Context c : byTag.values()) {
            int i = c.order == null ? Arrays.binarySearch(c.result, uid) : indexOf(c.result, uid);
            if (i >= 0) {
                long[] rest = new long[c.result.length - 1];
                System.arraycopy(c.result, 0, rest, 0, i);
                System.arraycopy(c.result, i + 1, rest, i, rest.length - i);
                c.result = rest;
                long position = c.order == null ? 0 : i + 1;
                out.untagged(EsearchWriter.update(c.tag, c.uid, false,
                        List.of(new EsearchWriter.Run(position, new long[] {c.uid ? uid : seq}))));
            }
        }
    }

    /**
     * Evaluates again every context whose view changed since it last looked, and sends what entered and left
     * its result. A storage failure leaves the context as it was and the mailbox dirty, so the next command
     * tries again.
     */
    public Mono<Void> refresh(MailStore store, SelectedMailbox sel) {
        return Mono.defer(() -> Flux.fromIterable(new ArrayList<>(byTag.values()))
                .filter(c -> c.modseq != sel.knownModseq() || c.exists != sel.exists())
                .concatMap(c -> matches(store, sel, c.key).flatMap(now -> sorted(store, sel, c.order, now))
                        .doOnNext(now -> report(c, now, sel))
                        .onErrorResume(e -> {
                            sel.markDirty();
                            return Mono.empty();
                        }))
                .then());
    }

    private static Mono<long[]> matches(MailStore store, SelectedMailbox sel, SearchKey key) {
        long[] local = SearchHandler.local(key, sel);
        if (local != null) {
            return Mono.just(local);
        }
        return store.messages().searchView(sel.id(), key)
                .map(found -> found.stream().mapToLong(Uid::value).filter(u -> sel.seqOf(u) > 0).sorted().distinct().toArray());
    }

    /** {@code uids} (ascending) in the context's order: sorted on the stored keys, ties in mailbox order. */
    private static Mono<long[]> sorted(MailStore store, SelectedMailbox sel, Comparator<SortKeys> order, long[] uids) {
        return order == null ? Mono.just(uids) : store.messages().sorted(sel.id(), uids, order);
    }

    private void report(Context c, long[] now, SelectedMailbox sel) {
        if (byTag.get(c.tag) != c) {
            return;
        }
        if (c.order != null) {
            reportSorted(c, now, sel);
            return;
        }
        List<Long> removed = new ArrayList<>();
        List<Long> added = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < c.result.length || j < now.length) {
            if (j == now.length || (i < c.result.length && c.result[i] < now[j])) {
                removed.add(c.result[i++]);
            } else if (i == c.result.length || now[j] < c.result[i]) {
                added.add(now[j++]);
            } else {
                i++;
                j++;
            }
        }
        long[] gone = numbers(c, removed, sel);
        if (gone.length > 0) {
            out.untagged(EsearchWriter.update(c.tag, c.uid, false, List.of(new EsearchWriter.Run(0, gone))));
        }
        long[] come = numbers(c, added, sel);
        if (come.length > 0) {
            out.untagged(EsearchWriter.update(c.tag, c.uid, true, List.of(new EsearchWriter.Run(0, come))));
        }
        done(c, now, sel);
    }

    /**
     * The difference of two sorted results as positioned runs: first the runs leaving the old list, each at
     * its position once the runs before it are gone, then the runs entering, each at its position in the new
     * list (RFC 5267 §4.3.3, §4.3.4). Sort keys of a stored message never change, so the messages in both keep
     * their relative order; should they not, the whole old list is removed and the new one added.
     */
    private void reportSorted(Context c, long[] now, SelectedMailbox sel) {
        Set<Long> before = set(c.result);
        Set<Long> after = set(now);
        long[] keptOld = Arrays.stream(c.result).filter(after::contains).toArray();
        long[] keptNew = Arrays.stream(now).filter(before::contains).toArray();
        Set<Long> kept = Arrays.equals(keptOld, keptNew) ? set(keptOld) : Set.of();
        List<EsearchWriter.Run> gone = runs(c, c.result, kept, true, sel);
        if (!gone.isEmpty()) {
            out.untagged(EsearchWriter.update(c.tag, c.uid, false, gone));
        }
        List<EsearchWriter.Run> come = runs(c, now, kept, false, sel);
        if (!come.isEmpty()) {
            out.untagged(EsearchWriter.update(c.tag, c.uid, true, come));
        }
        done(c, now, sel);
    }

    /** The maximal runs of {@code list} outside {@code kept}, positioned for removal or for insertion. */
    private static List<EsearchWriter.Run> runs(Context c, long[] list, Set<Long> kept, boolean removing,
            SelectedMailbox sel) {
        List<EsearchWriter.Run> runs = new ArrayList<>();
        int removedBefore = 0;
        int i = 0;
        while (i < list.length) {
            if (kept.contains(list[i])) {
                i++;
                continue;
            }
            int j = i;
            while (j < list.length && !kept.contains(list[j])) {
                j++;
            }
            List<Long> run = Arrays.stream(list, i, j).boxed().toList();
            runs.add(new EsearchWriter.Run(i - (removing ? removedBefore : 0) + 1, numbers(c, run, sel)));
            removedBefore += j - i;
            i = j;
        }
        return runs;
    }

    private void done(Context c, long[] now, SelectedMailbox sel) {
        c.result = now;
        c.modseq = sel.knownModseq();
        c.exists = sel.exists();
    }

    private static Set<Long> set(long[] uids) {
        Set<Long> set = new HashSet<>(uids.length * 2);
        for (long u : uids) {
            set.add(u);
        }
        return set;
    }

    private static int indexOf(long[] list, long uid) {
        for (int i = 0; i < list.length; i++) {
            if (list[i] == uid) {
                return i;
            }
        }
        return -1;
    }

    private static long[] numbers(Context c, List<Long> uids, SelectedMailbox sel) {
        return uids.stream().mapToLong(u -> c.uid ? u : sel.seqOf(u)).filter(n -> n > 0).toArray();
    }
}
