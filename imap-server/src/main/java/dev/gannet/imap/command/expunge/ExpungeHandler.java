package dev.gannet.imap.command.expunge;

import dev.gannet.core.store.Uid;
import dev.gannet.core.store.UidSet;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.protocol.UidSets;
import dev.gannet.imap.session.ImapNo;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.SelectedMailbox;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

/**
 * EXPUNGE (RFC 3501 §6.4.3) and UID EXPUNGE (RFC 4315 §2.1): removes the {@code \Deleted} messages (of the
 * given UIDs) and reports each with an EXPUNGE response carrying its sequence number at that moment, or all
 * of them in one VANISHED response once QRESYNC is enabled (RFC 7162 §3.2.10).
 */
public final class ExpungeHandler {

    private ExpungeHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Expunge c, ImapSession s) {
        SelectedMailbox sel = s.selected();
        if (sel.readOnly()) {
            return Mono.error(new ImapNo("READ-ONLY", "Mailbox is read-only"));
        }
        UidSet set = UidSet.ALL;
        if (c.uids() != null) {
            long[] uids = s.resolve(c.uids(), true);
            if (uids.length == 0) {
                return Mono.just(Tagged.ok("UID EXPUNGE completed"));
            }
            set = UidSets.of(uids);
        }
        return s.store().messages().expungeDeleted(sel.id(), set).map(removed -> {
            sel.reportExpunged(s.out(), removed.stream().map(Uid::value).sorted().toList());
            sel.markDirty();
            return Tagged.ok((c.uids() == null ? "Expunge" : "UID EXPUNGE") + " completed");
        });
    }
}
