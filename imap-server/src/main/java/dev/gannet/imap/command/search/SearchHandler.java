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
 * resolved against the session's view, the criteria are evaluated by the store, and the matches the
 * client knows of are listed as sequence numbers or UIDs. With MODSEQ in the criteria the response ends
 * with the highest modseq of the matches.
 */
public final class SearchHandler {

    private SearchHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Search c, ImapSession s) {
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
        return s.store().messages().search(sel.id(), key).flatMap(found -> {
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

    static SearchKey resolve(Criterion c, SelectedMailbox sel, Instant now, boolean[] modseq) {
        if (c instanceof Criterion.Store st) {
            return st.key();
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
            return NOTHING;
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
}
