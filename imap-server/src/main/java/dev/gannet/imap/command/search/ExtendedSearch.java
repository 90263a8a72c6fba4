package dev.gannet.imap.command.search;

import dev.gannet.core.store.MessageMeta;
import dev.gannet.core.store.SearchKey;
import dev.gannet.core.store.SortKeys;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.SelectedMailbox;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

import java.util.Comparator;

/**
 * The answer to SEARCH or SORT RETURN (...) once the matches are known: SAVE keeps them for {@code $}
 * (RFC 5182 §2.4), UPDATE starts a context (RFC 5267 §4.3; with PARTIAL too, which does not limit the updates,
 * §4.4) or, over the limit, refuses one with an untagged {@code NO [NOUPDATE "tag"]} (§4.3.1) while the command
 * itself still succeeds, and the ESEARCH response
 * (RFC 4731 §3.1) is written unless SAVE was the only option. With MODSEQ in the criteria it ends with the
 * highest modseq of the messages it returns (RFC 4731 §3.2, RFC 7162 §3.1.5).
 */
public final class ExtendedSearch {

    private ExtendedSearch() {
    }

    /**
     * The ESEARCH answer of SEARCH or SORT: {@code uids} are the matches in the client's view in result order
     * (ascending for SEARCH, sorted for SORT); {@code key} and {@code order} (null for SEARCH) are what an
     * UPDATE context evaluates again.
     */
    public static Mono<Tagged> respond(ImapSession s, String tag, boolean uid, ReturnOptions o, SearchKey key,
            Comparator<SortKeys> order, long[] uids, boolean modseq, String name) {
        SelectedMailbox sel = s.selected();
        if (o.save()) {
            sel.saveResult(o.saved(uids));
        }
        if (o.update() && !SearchContexts.add(s, tag, uid, key, order, uids)) {
            s.out().untagged("NO [NOUPDATE \"" + tag + "\"] Too many contexts");
        }
        if (!o.respond()) {
            return Mono.just(Tagged.ok(name + " completed"));
        }
        long[] numbers = uid ? uids : java.util.Arrays.stream(uids).map(sel::seqOf).toArray();
        long[] returned = java.util.Arrays.stream(o.returned(uids)).sorted().toArray();
        Mono<Long> highest = !modseq || returned.length == 0 ? Mono.just(0L)
                : s.store().messages().listKnown(sel.id(), returned).map(MessageMeta::modseq)
                        .map(m -> m.value()).reduce(0L, Math::max);
        return highest.map(m -> {
            s.out().untagged(EsearchWriter.result(tag, uid, o, numbers, m));
            return Tagged.ok(name + " completed");
        });
    }
}
