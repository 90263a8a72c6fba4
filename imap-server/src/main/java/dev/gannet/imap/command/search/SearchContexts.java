package dev.gannet.imap.command.search;

import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.SearchKey;
import dev.gannet.core.store.Uid;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Responder;
import dev.gannet.imap.session.SelectedMailbox;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The searches a session asked to keep up to date with RETURN (UPDATE) (RFC 5267 §4.3), for the selected
 * mailbox only (a new SELECT starts without any). Each keeps its criteria, resolved to UIDs when the command
 * ran, and the UIDs it last reported. After every sync that saw a change (new messages, flag changes, this
 * session's own STOREs) the criteria are evaluated again and the difference is sent as REMOVEFROM and then
 * ADDTO; a message leaving the view is reported as it is expunged, just before its EXPUNGE, while its sequence
 * number still holds (as Dovecot 2.3 orders them). Positions are 0: a SEARCH result is in mailbox order.
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
        /** The UIDs last reported, ascending: a primitive array, as a context may cover a large mailbox. */
        long[] result = new long[0];
        long modseq;
        int exists;

        Context(String tag, boolean uid, SearchKey key) {
            this.tag = tag;
            this.uid = uid;
            this.key = key;
        }
    }

    private SearchContexts(Responder out) {
        this.out = out;
    }

    /**
     * Starts keeping {@code result} (UIDs) of the search tagged {@code tag} up to date; false (and nothing
     * kept) when the session already has {@link #MAX_CONTEXTS}. A tag used again replaces its context.
     */
    static boolean add(ImapSession s, String tag, boolean uid, SearchKey key, long[] result) {
        SelectedMailbox sel = s.selected();
        SearchContexts contexts = sel.contexts();
        if (contexts == null) {
            contexts = new SearchContexts(s.out());
            sel.contexts(contexts);
        }
        if (!contexts.byTag.containsKey(tag) && contexts.byTag.size() >= MAX_CONTEXTS) {
            return false;
        }
        Context c = new Context(tag, uid, key);
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
            int i = java.util.Arrays.binarySearch(c.result, uid);
            if (i >= 0) {
                long[] rest = new long[c.result.length - 1];
                System.arraycopy(c.result, 0, rest, 0, i);
                System.arraycopy(c.result, i + 1, rest, i, rest.length - i);
                c.result = rest;
                out.untagged(EsearchWriter.update(c.tag, c.uid, false, 0, new long[] {c.uid ? uid : seq}));
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
                .concatMap(c -> matches(store, sel, c.key).doOnNext(now -> report(c, now, sel))
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

    private void report(Context c, long[] now, SelectedMailbox sel) {
        if (byTag.get(c.tag) != c) {
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
            out.untagged(EsearchWriter.update(c.tag, c.uid, false, 0, gone));
        }
        long[] come = numbers(c, added, sel);
        if (come.length > 0) {
            out.untagged(EsearchWriter.update(c.tag, c.uid, true, 0, come));
        }
        c.result = now;
        c.modseq = sel.knownModseq();
        c.exists = sel.exists();
    }

    private static long[] numbers(Context c, List<Long> uids, SelectedMailbox sel) {
        return uids.stream().mapToLong(u -> c.uid ? u : sel.seqOf(u)).filter(n -> n > 0).toArray();
    }
}
