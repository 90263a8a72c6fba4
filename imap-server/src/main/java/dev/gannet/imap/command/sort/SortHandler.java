package dev.gannet.imap.command.sort;

import dev.gannet.core.store.MessageMeta;
import dev.gannet.core.store.SearchKey;
import dev.gannet.core.store.SortKeys;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.command.search.ExtendedSearch;
import dev.gannet.imap.command.search.SearchHandler;
import dev.gannet.imap.session.ImapNo;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.SelectedMailbox;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * SORT and UID SORT (RFC 5256 §3, RFC 5957 §3): the search is resolved as SEARCH resolves it, the keys of
 * the matches are read in one projection (never the message bytes), and the messages are sorted in memory,
 * ties in sequence order. With a MODSEQ search criterion the response ends with the highest modseq of the
 * matches (RFC 7162 §3.1.5). With RETURN options (ESORT, RFC 5267 §3) the answer is an ESEARCH response built
 * as SEARCH builds it, and RETURN (UPDATE) keeps the sorted result up to date (CONTEXT=SORT, RFC 5267 §4).
 * {@link #sorted} is the same ordering for other commands.
 */
public final class SortHandler {

    private SortHandler() {
    }

    /** The sorted messages, whether the search had a MODSEQ criterion, and the search as resolved. */
    public record Sorted(long[] uids, boolean modseq, SearchKey key) {
    }

    public static Mono<Tagged> handle(ImapCommand.Sort c, ImapSession s) {
        if (c.returns() != null) {
            Mono<Tagged> result = sort(c, s).flatMap(sorted -> ExtendedSearch.respond(s, c.tag(), c.uid(), c.returns(),
                    sorted.key(), SortOrder.of(c.criteria()), sorted.uids(), sorted.modseq(), c.uid() ? "UID SORT" : "Sort"));
            // RFC 5182 §2.1: a failed SORT with SAVE leaves $ empty, as SEARCH does
            return c.returns().save() ? result.doOnError(e -> s.selected().saveResult(new long[0])) : result;
        }
        SelectedMailbox sel = s.selected();
        return sort(c, s).flatMap(result -> {
            Mono<String> suffix = !result.modseq() || result.uids().length == 0 ? Mono.just("")
                    : s.store().messages().listKnown(sel.id(), java.util.Arrays.stream(result.uids()).sorted().toArray())
                            .map(MessageMeta::modseq).reduce((a, b) -> a.compareTo(b) >= 0 ? a : b)
                            .map(m -> " (MODSEQ " + m.value() + ")").defaultIfEmpty("");
            return suffix.map(tail -> {
                StringBuilder sb = new StringBuilder("SORT");
                for (long uid : result.uids()) {
                    sb.append(' ').append(c.uid() ? uid : sel.seqOf(uid));
                }
                s.out().untagged(sb.append(tail).toString());
                return Tagged.ok((c.uid() ? "UID SORT" : "Sort") + " completed");
            });
        });
    }

    /** The UIDs of the messages a SORT selects, in its order (for ESORT, RFC 5267 §3). */
    public static Mono<long[]> sorted(ImapCommand.Sort c, ImapSession s) {
        return sort(c, s).map(Sorted::uids);
    }

    public static Mono<Sorted> sort(ImapCommand.Sort c, ImapSession s) {
        if (!supportedCharset(c.charset())) {
            return Mono.error(new ImapNo("BADCHARSET (UTF-8 US-ASCII)", "Unsupported charset"));
        }
        SelectedMailbox sel = s.selected();
        return SearchHandler.matches(c.search(), s).flatMap(m -> s.store().messages().sorted(sel.id(), m.uids(),
                SortOrder.of(c.criteria())).map(uids -> new Sorted(uids, m.modseq(), m.key())));
    }

    /** The keys of {@code uids} in sequence order; messages that vanished from the store meanwhile are left out. */
    public static Mono<List<SortKeys>> keys(ImapSession s, SelectedMailbox sel, long[] uids) {
        return uids.length == 0 ? Mono.just(new java.util.ArrayList<>())
                : s.store().messages().sortKeys(sel.id(), uids).collectList().map(java.util.ArrayList::new);
    }

    public static boolean supportedCharset(String charset) {
        return charset.equals("UTF-8") || charset.equals("US-ASCII");
    }
}
