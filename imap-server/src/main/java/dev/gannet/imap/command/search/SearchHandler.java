package dev.gannet.imap.command.search;

import dev.gannet.core.store.MessageMeta;
import dev.gannet.core.store.SearchKey;
import dev.gannet.core.store.Uid;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.protocol.UidSets;
import dev.gannet.imap.session.ImapNo;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.SelectedMailbox;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SEARCH and UID SEARCH (RFC 3501 §6.4.4; RFC 7162 §3.1.5 MODSEQ; RFC 5032 WITHIN): message sets are
 * resolved against the session's view, the criteria are evaluated by the store over what the view holds
 * (messages another session expunged stay in it until this one is told, RFC 3501 §7.4.1), and the matches the
 * client knows of are listed as sequence numbers or UIDs. With MODSEQ in the criteria the response ends
 * with the highest modseq of the matches. With RETURN options the answer is an ESEARCH response instead
 * ({@link ExtendedSearch}), as it always is after ENABLE IMAP4rev2 (RFC 9051 §7.3.4: no {@code * SEARCH});
 * {@code $} stands for the saved result (RFC 5182).
 */
public final class SearchHandler {

    private SearchHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Search c, ImapSession s) {
        Mono<Tagged> result = Mono.defer(() -> search(c, s));
        // RFC 5182 §2.1: a SEARCH with SAVE that fails leaves $ empty (a syntax error never gets here)
        return c.returns() != null && c.returns().save()
                ? result.doOnError(e -> s.selected().saveResult(new long[0])) : result;
    }

    private static Mono<Tagged> search(ImapCommand.Search c, ImapSession s) {
        if (c.charset() != null && !c.charset().equals("UTF-8") && !c.charset().equals("US-ASCII")) {
            return Mono.error(new ImapNo("BADCHARSET (UTF-8 US-ASCII)", "Unsupported charset"));
        }
        SelectedMailbox sel = s.selected();
        boolean[] modseq = {false};
        SearchKey key = resolve(c.criteria(), sel, Instant.now(), modseq);
        if (modseq[0]) {
            s.enable("CONDSTORE");
        }
        String name = c.uid() ? "UID SEARCH" : "Search";
        long[] local = local(key, sel);
        Mono<List<Uid>> matches = local != null
                ? Mono.just(java.util.Arrays.stream(local).mapToObj(Uid::of).toList())
                : s.store().messages().searchView(sel.id(), key);
        // RFC 9051 §6.4.4: an IMAP4rev2 SEARCH without RETURN answers as RETURN (ALL) does, in ESEARCH form
        ReturnOptions returns = c.returns() != null ? c.returns() : s.imap4rev2() ? ReturnOptions.ALL : null;
        if (returns != null) {
            return matches.flatMap(found -> ExtendedSearch.respond(s, c.tag(), c.uid(), returns, key, null,
                    found.stream().mapToLong(Uid::value).filter(u -> sel.seqOf(u) > 0).sorted().distinct().toArray(),
                    modseq[0], name));
        }
        return matches.flatMap(found -> {
            List<Uid> known = new ArrayList<>();
            for (Uid u : found) {
                if (sel.seqOf(u.value()) > 0) {
                    known.add(u);
                }
            }
            Mono<String> suffix = !modseq[0] || known.isEmpty() ? Mono.just("")
                    : s.store().messages().listKnown(sel.id(), known.stream().mapToLong(Uid::value).toArray())
                            .map(MessageMeta::modseq).reduce((a, b) -> a.compareTo(b) >= 0 ? a : b)
                            .map(m -> " (MODSEQ " + m.value() + ")").defaultIfEmpty("");
            return suffix.map(tail -> {
                StringBuilder sb = new StringBuilder("SEARCH");
                for (Uid u : known) {
                    sb.append(' ').append(c.uid() ? u.value() : sel.seqOf(u.value()));
                }
                s.out().untagged(sb.append(tail).toString());
                return Tagged.ok(name + " completed");
            });
        });
    }

    private static final SearchKey NOTHING = new SearchKey.Not(new SearchKey.All());

    /**
     * Criteria made only of message sets (and ALL, AND, OR, NOT of them) are answered from the session's
     * view, without asking the store; anything else returns null.
     */
    static long[] local(SearchKey k, SelectedMailbox sel) {
        long[] view = sel.uids();
        if (k instanceof SearchKey.All) {
            return view;
        } else if (k instanceof SearchKey.Uids u) {
            return java.util.Arrays.stream(view).filter(u.uids()::contains).toArray();
        } else if (k instanceof SearchKey.Not n) {
            long[] inner = local(n.key(), sel);
            if (inner == null) {
                return null;
            }
            java.util.Set<Long> excluded = new java.util.HashSet<>();
            for (long x : inner) {
                excluded.add(x);
            }
            return java.util.Arrays.stream(view).filter(x -> !excluded.contains(x)).toArray();
        } else if (k instanceof SearchKey.Or o) {
            long[] a = local(o.left(), sel);
            long[] b = a == null ? null : local(o.right(), sel);
            return b == null ? null : java.util.stream.LongStream.concat(java.util.Arrays.stream(a),
                    java.util.Arrays.stream(b)).sorted().distinct().toArray();
        } else if (k instanceof SearchKey.And and) {
            long[] acc = view;
            for (SearchKey part : and.keys()) {
                long[] p = local(part, sel);
                if (p == null) {
                    return null;
                }
                java.util.Set<Long> keep = new java.util.HashSet<>();
                for (long x : p) {
                    keep.add(x);
                }
                acc = java.util.Arrays.stream(acc).filter(keep::contains).toArray();
            }
            return acc;
        }
        return null;
    }

    /** {@code $} (RFC 5182 §2.1): the saved UIDs, whether the command counts by sequence number or UID. */
    private static SearchKey saved(SelectedMailbox sel) {
        long[] uids = sel.savedResult();
        return uids.length == 0 ? NOTHING : new SearchKey.Uids(UidSets.of(uids));
    }

    static SearchKey resolve(Criterion c, SelectedMailbox sel, Instant now, boolean[] modseq) {
        if (c instanceof Criterion.Store st) {
            return st.key();
        } else if (c instanceof Criterion.Sequences seqs && seqs.set().isSaved()) {
            return saved(sel);
        } else if (c instanceof Criterion.Uids u && u.set().isSaved()) {
            return saved(sel);
        } else if (c instanceof Criterion.Sequences seqs) {
            List<long[]> ranges = new ArrayList<>();
            for (long[] r : seqs.set().resolve(sel.exists())) {
                if (r[0] <= sel.exists()) {
                    ranges.add(new long[] {r[0], Math.min(r[1], sel.exists())});
                }
            }
            long[] uids = sel.uidsForSequences(ranges);
            return uids == null || uids.length == 0 ? NOTHING : new SearchKey.Uids(UidSets.of(uids));
        } else if (c instanceof Criterion.Uids u) {
            long[] uids = sel.uidsInRanges(u.set().resolve(sel.maxUid()));
            return uids.length == 0 ? NOTHING : new SearchKey.Uids(UidSets.of(uids));
        } else if (c instanceof Criterion.Recent) {
            long[] recent = sel.recentUids();
            return recent.length == 0 ? NOTHING : new SearchKey.Uids(UidSets.of(recent));
        } else if (c instanceof Criterion.Within w) {
            SearchKey since = new SearchKey.InternalSince(now.minusSeconds(w.seconds()));
            return w.younger() ? since : new SearchKey.Not(since);
        } else if (c instanceof Criterion.ModSeq m) {
            modseq[0] = true;
            return new SearchKey.ModSeqAtLeast(m.modseq());
        } else if (c instanceof Criterion.AllOf all) {
            List<SearchKey> keys = new ArrayList<>();
            for (Criterion k : all.keys()) {
                keys.add(resolve(k, sel, now, modseq));
            }
            return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
        } else if (c instanceof Criterion.AnyOf any) {
            return new SearchKey.Or(resolve(any.left(), sel, now, modseq), resolve(any.right(), sel, now, modseq));
        } else if (c instanceof Criterion.Negated n) {
            return new SearchKey.Not(resolve(n.key(), sel, now, modseq));
        }
        throw new IllegalStateException("unknown criterion " + c);
    }

    /**
     * The UIDs of a session's view matching a search, ascending, whether a MODSEQ criterion was among them, and
     * the criteria as resolved (what an update context evaluates again).
     */
    public record Matches(long[] uids, boolean modseq, SearchKey key) {
    }

    /**
     * The SEARCH resolution for SORT and THREAD (RFC 5256 §3, §4 "searching criteria"), limited to the messages
     * the client knows of; a MODSEQ criterion enables CONDSTORE as it does for SEARCH (RFC 7162 §3.1).
     */
    public static Mono<Matches> matches(Criterion criteria, ImapSession s) {
        SelectedMailbox sel = s.selected();
        boolean[] modseq = {false};
        SearchKey key = resolve(criteria, sel, Instant.now(), modseq);
        if (modseq[0]) {
            s.enable("CONDSTORE");
        }
        long[] local = local(key, sel);
        Mono<long[]> found = local != null ? Mono.just(local)
                : s.store().messages().searchView(sel.id(), key).map(l -> l.stream().mapToLong(Uid::value).toArray());
        return found.map(uids -> new Matches(java.util.Arrays.stream(uids).filter(u -> sel.seqOf(u) > 0).toArray(), modseq[0], key));
    }
}
