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
import java.util.TreeSet;

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
        final TreeSet<Long> result = new TreeSet<>();
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
        for (long u : result) {
            c.result.add(u);
        }
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
            if (c.result.remove(uid)) {
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
                .map(found -> found.stream().mapToLong(Uid::value).filter(u -> sel.seqOf(u) > 0).sorted().toArray());
    }

    private void report(Context c, long[] now, SelectedMailbox sel) {
        if (byTag.get(c.tag) != c) {
            return;
        }
        TreeSet<Long> next = new TreeSet<>();
        for (long u : now) {
            next.add(u);
        }
        List<Long> removed = new ArrayList<>();
        for (long u : c.result) {
            if (!next.contains(u)) {
                removed.add(u);
            }
        }
        List<Long> added = new ArrayList<>();
        for (long u : next) {
            if (!c.result.contains(u)) {
                added.add(u);
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
        c.result.clear();
        c.result.addAll(next);
        c.modseq = sel.knownModseq();
        c.exists = sel.exists();
    }

    private static long[] numbers(Context c, List<Long> uids, SelectedMailbox sel) {
        return uids.stream().mapToLong(u -> c.uid ? u : sel.seqOf(u)).filter(n -> n > 0).toArray();
    }
}
