package dev.gannet.imap.command.copy;

import dev.gannet.core.store.CopyResult;
import dev.gannet.core.store.Uid;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.protocol.UidSets;
import dev.gannet.imap.session.ImapNo;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.SelectedMailbox;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

/**
 * COPY and MOVE, by sequence number or UID (RFC 3501 §6.4.7, RFC 6851, RFC 4315 COPYUID): a missing target
 * answers {@code NO [TRYCREATE]}. MOVE reports COPYUID in an untagged OK, then an EXPUNGE for each message
 * moved (one VANISHED with QRESYNC, RFC 7162 §3.2.10), then the tagged OK (RFC 6851 §4.3).
 */
public final class CopyHandler {

    private CopyHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Copy c, ImapSession s) {
        SelectedMailbox sel = s.selected();
        if (c.move() && sel.readOnly()) {
            return Mono.error(new ImapNo("READ-ONLY", "Mailbox is read-only"));
        }
        long[] uids = s.resolve(c.set(), c.uid());
        if (uids == null) {
            return Mono.just(Tagged.bad("Invalid message sequence number"));
        }
        String name = (c.uid() ? "UID " : "") + (c.move() ? "MOVE" : "COPY");
        return Mono.defer(() -> s.store().mailboxes().get(s.user().id(), s.mailboxName(c.mailbox())))
                .switchIfEmpty(Mono.error(() -> new ImapNo("TRYCREATE", "No such mailbox")))
                .flatMap(target -> {
                    if (uids.length == 0) {
                        return Mono.just(Tagged.ok(name + " completed"));
                    }
                    var set = UidSets.of(uids);
                    Mono<CopyResult> op = c.move() ? s.store().messages().move(sel.id(), set, target.id())
                            : s.store().messages().copy(sel.id(), set, target.id());
                    return op.map(result -> {
                        if (target.id().equals(sel.id())) {
                            // the copies are reported (EXISTS, RECENT, new keywords) before the tagged OK
                            sel.markDirty();
                        }
                        return respond(s, sel, c, name, result);
                    });
                });
    }

    private static Tagged respond(ImapSession s, SelectedMailbox sel, ImapCommand.Copy c, String name, CopyResult r) {
        if (r.sourceUids().isEmpty()) {
            return Tagged.ok(name + " completed");
        }
        String copyUid = "COPYUID " + r.targetUidValidity() + " " + UidSets.format(r.sourceUids()) + " "
                + UidSets.format(r.targetUids());
        if (!c.move()) {
            return Tagged.ok(copyUid, name + " completed");
        }
        s.out().untagged("OK [" + copyUid + "] Moved");
        sel.reportExpunged(s.out(), r.sourceUids().stream().map(Uid::value).sorted().toList());
        sel.markDirty();
        return Tagged.ok(name + " completed");
    }
}
