package dev.gannet.imap.command.select;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.MailboxName;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.command.list.ListHandler;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.SelectedMailbox;
import dev.gannet.imap.session.Tagged;
import dev.gannet.imap.session.UidListCache;
import reactor.core.publisher.Mono;

/**
 * SELECT and EXAMINE (RFC 3501 §6.3.1–2): any selected mailbox is closed first (with the RFC 7162
 * {@code [CLOSED]} code), then the session's view is loaded — the UID list, brought up to date from the
 * journal — so the EXISTS it reports is exact. A failure leaves the session authenticated, as the RFC
 * requires. The session listens for changes before anything is read, so none can slip between. The UID
 * list comes from the shared cache when it has one, advanced from the journal, and is cached again. Only then
 * does SELECT claim {@code \Recent} (§2.3.2), up to the highest UID of the caught-up view; FLAGS lists the
 * keywords the mailbox's messages have carried. {@code [UNSEEN n]} follows RECENT, as in Dovecot; with the
 * QRESYNC parameter (after ENABLE QRESYNC) the changes since the client's modseq follow the untagged OKs.
 * After ENABLE IMAP4rev2 (RFC 9051 §6.3.2) there is no RECENT and no {@code [UNSEEN n]}, the view claims no
 * {@code \Recent}, and a LIST response naming the mailbox comes last, before the tagged OK.
 */
public final class SelectHandler {

    private SelectHandler() {
    }

    private static dev.gannet.core.coord.KeyValueCache cache(ImapSession s) {
        return s.server().node().coordination().cache();
    }

    public static Mono<Tagged> handle(ImapCommand.Select c, ImapSession s) {
        if (c.qresync() != null && !s.isEnabled("QRESYNC")) {
            // RFC 7162 §3.2.5: the parameter is only valid after ENABLE QRESYNC
            return Mono.just(Tagged.bad("QRESYNC is not enabled"));
        }
        if (s.selected() != null) {
            s.deselect();
            s.out().untagged("OK [CLOSED] Previous mailbox closed");
        }
        if (c.condstore()) {
            s.enable("CONDSTORE");
        }
        return Mono.defer(() -> {
            MailboxName name = s.mailboxName(c.mailbox());
            return s.watch()
                    .then(s.store().mailboxes().get(s.user().id(), name))
                    .switchIfEmpty(Mono.error(() -> GannetException.notFound("mailbox")))
                    .flatMap(box -> UidListCache.get(cache(s), box.id())
                            .filter(cached -> cached.modseq() <= box.highestModseq().value())
                            .map(cached -> new SelectedMailbox(box, cached.uids(), cached.modseq(), c.readOnly()))
                            .switchIfEmpty(Mono.defer(() -> s.store().messages().uids(box.id())
                                    .map(uids -> SelectedMailbox.fromList(box, uids, c.readOnly())))))
                    .flatMap(sel -> {
                        if (s.imap4rev2()) {
                            sel.withoutRecent();
                        }
                        s.select(sel);
                        sel.reportVanished(s.isEnabled("QRESYNC"));
                        // the entry is built after the catch-up (deferred): built eagerly it held the view from
                        // before it, so the cache never advanced and every SELECT replayed more journal
                        return sel.catchUp(s.store().journal(), s.store().messages())
                                .then(Mono.defer(() -> UidListCache.put(cache(s), sel.id(),
                                        new UidListCache.Entry(sel.knownModseq(), sel.uids()))))
                                .then(Mono.defer(() -> keywordsSince(s, sel)))
                                // the claim reads the view's highest UID when it runs, after the catch-up: read
                                // before it, a cached list behind the mailbox left the newer messages unclaimed
                                .then(sel.claimRecent(s.store().mailboxes())).thenReturn(sel);
                    });
        }).zipWhen(sel -> s.imap4rev2() ? Mono.just(0) : FirstUnseen.of(s, sel)).flatMap(selected -> {
            SelectedMailbox sel = selected.getT1();
            sel.writeFlags(s.out());
            s.out().untagged(sel.exists() + " EXISTS");
            if (sel.tracksRecent()) {
                s.out().untagged(sel.reportRecent() + " RECENT");
            }
            if (selected.getT2() > 0) {
                s.out().untagged("OK [UNSEEN " + selected.getT2() + "] First unseen");
            }
            s.out().untagged("OK [UIDVALIDITY " + sel.mailbox().uidValidity() + "] UIDs valid");
            s.out().untagged("OK [UIDNEXT " + Math.max(sel.mailbox().uidNext(), sel.maxUid() + 1) + "] Predicted next UID");
            // RFC 7162 §7: the code's value is at least 1; an empty, never changed mailbox says 1, as Dovecot does
            s.out().untagged("OK [HIGHESTMODSEQ " + Math.max(1, sel.knownModseq()) + "] Highest");
            // RFC 8474 §4.2: the mailbox's id, which RENAME keeps and no other mailbox ever gets
            s.out().untagged("OK [MAILBOXID (" + sel.id().value() + ")] Ok");
            if (s.imap4rev2()) {
                // RFC 9051 §6.3.2: the attributes sent must be accurate, not complete; those that need the
                // mailbox list (children) are left to LIST, the special use is the mailbox's own
                s.out().untagged(ListHandler.line("LIST", sel.mailbox().specialUse().map(u -> u.attribute()).stream()
                        .toList(), sel.mailbox().name(), s.utf8()));
            }
            return QresyncSelect.resync(s, sel, c.qresync()).thenReturn(
                    Tagged.ok(c.readOnly() ? "READ-ONLY" : "READ-WRITE", (c.readOnly() ? "Examine" : "Select") + " completed"));
        }).doOnError(e -> s.deselect());
    }

    /**
     * The keywords of changes the catch-up applied after the mailbox was read: the store adds a keyword to the
     * mailbox in the update that takes the change's modseq, so only a view that went past that read can lack one.
     */
    private static Mono<Void> keywordsSince(ImapSession s, SelectedMailbox sel) {
        if (sel.knownModseq() <= sel.mailbox().highestModseq().value()) {
            return Mono.empty();
        }
        return s.store().mailboxes().byId(sel.id()).doOnNext(box -> sel.learnKeywords(box.keywords())).then();
    }
}
