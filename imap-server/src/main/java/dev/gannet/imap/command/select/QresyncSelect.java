package dev.gannet.imap.command.select;

import dev.gannet.core.store.MessageMeta;
import dev.gannet.imap.command.fetch.FetchResponse;
import dev.gannet.imap.session.ChangesSince;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.SelectedMailbox;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;

/**
 * The quick resynchronisation of SELECT/EXAMINE with the QRESYNC parameter (RFC 7162 §3.2.5): when the client's
 * UIDVALIDITY is the mailbox's, one {@code * VANISHED (EARLIER)} names the UIDs of its known-uids (all UIDs
 * below UIDNEXT when it gave none) expunged since its modseq, then a {@code FETCH (UID FLAGS MODSEQ)} goes out
 * for each message changed since. The seq-match-data only helps a server that cannot tell exactly what was
 * expunged; this one always can (journal or view), so it is checked by the parser and not needed here.
 */
final class QresyncSelect {

    private QresyncSelect() {
    }

    static Mono<Void> resync(ImapSession s, SelectedMailbox sel, QresyncParams q) {
        if (q == null || q.uidValidity() != sel.mailbox().uidValidity()) {
            return Mono.empty();
        }
        long max = Math.max(sel.mailbox().uidNext() - 1, sel.maxUid());
        List<long[]> known = q.knownUids() != null ? q.knownUids().resolve(0)
                : max > 0 ? List.<long[]>of(new long[] {1, max}) : List.of();
        return ChangesSince.read(s.store(), sel, q.modseq())
                .flatMap(ch -> ch.changed(s.store(), sel, q.modseq()).doOnNext(changed -> {
                    List<long[]> vanished = ch.vanished(sel, known);
                    if (!vanished.isEmpty()) {
                        s.out().untagged("VANISHED (EARLIER) " + ChangesSince.format(vanished));
                    }
                    List<String> keywords = new ArrayList<>();
                    changed.forEach(m -> keywords.addAll(m.flags().keywords()));
                    sel.announce(s.out(), keywords);
                    for (MessageMeta m : changed) {
                        int seq = sel.seqOf(m.uid().value());
                        if (seq > 0) {
                            s.out().line(new FetchResponse(seq).uid(m.uid().value()).flags(sel.flags(m))
                                    .modseq(m.modseq().value()).line());
                        }
                    }
                }))
                .then();
    }
}
