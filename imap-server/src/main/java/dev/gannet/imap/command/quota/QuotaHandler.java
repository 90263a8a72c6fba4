package dev.gannet.imap.command.quota;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.QuotaUsage;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.protocol.MailboxNames;
import dev.gannet.imap.session.ImapNo;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

/**
 * GETQUOTA and GETQUOTAROOT (RFC 9208 §4.2): every mailbox of a user shares the one quota root {@code ""}
 * with the STORAGE resource in units of 1024 octets; an unlimited user's root lists no resources.
 */
public final class QuotaHandler {

    private QuotaHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.GetQuota c, ImapSession s) {
        if (!c.root() && !c.name().isEmpty()) {
            return Mono.error(new ImapNo("NONEXISTENT", "No such quota root"));
        }
        Mono<Void> check = !c.root() ? Mono.empty()
                : Mono.defer(() -> s.store().mailboxes().get(s.user().id(), s.mailboxName(c.name())))
                        .switchIfEmpty(Mono.error(() -> GannetException.notFound("mailbox")))
                        .doOnNext(box -> s.out().untagged("QUOTAROOT " + MailboxNames.encode(box.name(), s.utf8()) + " \"\""))
                        .then();
        return check.then(s.store().quota().get(s.user().id())).map(q -> {
            s.out().untagged("QUOTA \"\" (" + resources(q) + ")");
            return Tagged.ok((c.root() ? "Getquotaroot" : "Getquota") + " completed");
        });
    }

    private static String resources(QuotaUsage q) {
        if (q.unlimited()) {
            return "";
        }
        return "STORAGE " + (q.used() + 1023) / 1024 + " " + q.limit() / 1024;
    }
}
