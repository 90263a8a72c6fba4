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
 * is counted, except RECENT: the messages above the mailbox's recent mark, which no session has claimed.
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
                    .flatMap(box -> recent(s, box, c.items().contains("RECENT")).map(recent -> {
                        s.out().untagged("STATUS " + MailboxNames.encode(box.name(), s.utf8()) + " ("
                                + String.join(" ", items(c.items(), box, recent)) + ")");
                        return Tagged.ok("Status completed");
                    }));
        });
    }

    /** Messages not yet claimed as recent by any session (above the mailbox's recent mark). */
    private static Mono<Long> recent(ImapSession s, Mailbox box, boolean wanted) {
        if (!wanted) {
            return Mono.just(0L);
        }
        return s.store().mailboxes().claimRecent(box.id(), 0).defaultIfEmpty(0L)
                .flatMap(mark -> s.store().messages().uids(box.id())
                        .map(uids -> java.util.Arrays.stream(uids).filter(u -> u > mark).count()));
    }

    private static List<String> items(List<String> wanted, Mailbox box, long recent) {
        List<String> out = new ArrayList<>();
        for (String item : wanted) {
            if (item.equals("MAILBOXID")) {
                out.add("MAILBOXID (" + box.id().value() + ")"); // RFC 8474 §4.3
                continue;
            }
            long value = switch (item) {
                case "MESSAGES" -> box.messages();
                case "RECENT" -> recent;
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
