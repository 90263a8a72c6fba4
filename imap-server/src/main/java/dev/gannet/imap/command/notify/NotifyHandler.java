package dev.gannet.imap.command.notify;

import dev.gannet.core.store.Mailbox;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.command.notify.NotifyRequest.Event;
import dev.gannet.imap.command.notify.NotifyRequest.Group;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.SelectedMailbox;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

/**
 * NOTIFY (RFC 5465 §3): NONE stops all notifications; SET replaces the session's request, starts listening
 * to the user's change bell (before the baseline is read, so nothing committed later is missed), takes the
 * user's mailbox-list journal position as the point after which list events count, remembers each covered
 * mailbox's counters and, with {@code (STATUS)}, sends their STATUS at once (§3.1). Events this server does
 * not report (AnnotationChange, extensions) answer {@code NO [BADEVENT (...)]}.
 */
public final class NotifyHandler {

    static final String SUPPORTED = "(MessageNew MessageExpunge FlagChange MailboxName SubscriptionChange"
            + " MailboxMetadataChange ServerMetadataChange)";

    private NotifyHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Notify c, ImapSession s) {
        NotifySession n = s.notifications();
        if (c.badEvent()) {
            return Mono.just(Tagged.no("BADEVENT " + SUPPORTED, "Unsupported event"));
        }
        if (c.request() == null) {
            n.set(null, 0);
            return Mono.just(Tagged.ok("NOTIFY completed"));
        }
        NotifyRequest r = new NotifyRequest(c.request().status(),
                c.request().groups().stream().map(g -> g.withNames(s::mailboxName)).toList());
        return s.watch()
                .then(s.store().journal().userSeq(s.user().id()))
                .flatMap(seq -> s.store().mailboxes().list(s.user().id()).collectList().map(boxes -> {
                    n.set(r, seq);
                    SelectedMailbox sel = s.selected();
                    for (Mailbox box : boxes) {
                        if (sel != null && sel.id().equals(box.id())) {
                            continue;
                        }
                        Group g = first(r, box);
                        if (g != null && g.events().contains(Event.MESSAGE_NEW)) {
                            n.remember(box);
                            if (r.status()) {
                                s.out().untagged(n.statusLine(box));
                            }
                        }
                    }
                    return Tagged.ok("NOTIFY completed");
                }));
    }

    private static Group first(NotifyRequest r, Mailbox box) {
        for (Group g : r.groups()) {
            if (g.covers(box.name(), box.subscribed())) {
                return g;
            }
        }
        return null;
    }
}
