package dev.gannet.imap.command.status;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxName;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.protocol.MailboxNames;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;

/**
 * STATUS (RFC 3501 §6.3.10): answered from the mailbox's counters, which the store keeps exact, so nothing
 * is counted. RECENT is 0: a message is recent only to the one session that first selected it after it
 * arrived.
 */
public final class StatusHandler {

    private StatusHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Status c, ImapSession s) {
        if (c.items().contains("HIGHESTMODSEQ")) {
            s.enable("CONDSTORE");
        }
        return Mono.defer(() -> {
            MailboxName name = s.mailboxName(c.mailbox());
            return s.store().mailboxes().get(s.user().id(), name)
                    .switchIfEmpty(Mono.error(() -> GannetException.notFound("mailbox")))
                    .map(box -> {
                        s.out().untagged("STATUS " + MailboxNames.encode(box.name(), s.utf8()) + " ("
                                + String.join(" ", items(c.items(), box)) + ")");
                        return Tagged.ok("Status completed");
                    });
        });
    }

    private static List<String> items(List<String> wanted, Mailbox box) {
        List<String> out = new ArrayList<>();
        for (String item : wanted) {
            long value = switch (item) {
                case "MESSAGES" -> box.messages();
                case "RECENT" -> 0;
                case "UIDNEXT" -> box.uidNext();
                case "UIDVALIDITY" -> box.uidValidity();
                case "UNSEEN" -> box.unseen();
                case "HIGHESTMODSEQ" -> box.highestModseq().value();
                case "SIZE" -> box.bytes();
                default -> throw new IllegalStateException(item);
            };
            out.add(item + " " + value);
        }
        return out;
    }
}
