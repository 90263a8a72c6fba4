package dev.gannet.imap.command.status;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.Flag;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.SearchKey;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.protocol.MailboxNames;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;

/**
 * STATUS (RFC 3501 §6.3.10): answered from the mailbox's counters, which the store keeps exact, so nothing
 * is counted, except RECENT (the messages above the mailbox's recent mark, which no session has claimed) and
 * DELETED (RFC 9051 §6.3.11), which one query of the messages carrying {@code \Deleted} answers (the store
 * narrows it by flag; there is no counter for it). APPENDLIMIT (RFC 7889 §3) is the server-wide limit, the
 * same for every mailbox. LIST-STATUS (RFC 5819) builds its {@code STATUS} lines here too. RECENT is not a
 * status item of IMAP4rev2 (RFC 9051 §6.3.11, Appendix E): asked for after ENABLE IMAP4rev2 it is BAD.
 */
public final class StatusHandler {

    private StatusHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Status c, ImapSession s) {
        Tagged refused = refused(s, c.items());
        if (refused != null) {
            return Mono.just(refused);
        }
        if (c.items().contains("HIGHESTMODSEQ")) {
            s.enable("CONDSTORE");
        }
        return Mono.defer(() -> {
            MailboxName name = s.mailboxName(c.mailbox());
            return s.store().mailboxes().get(s.user().id(), name)
                    .switchIfEmpty(Mono.error(() -> GannetException.notFound("mailbox")))
                    .flatMap(box -> line(s, box, c.items()))
                    .map(line -> {
                        s.out().untagged(line);
                        return Tagged.ok("Status completed");
                    });
        });
    }

    /** BAD when {@code items} ask an IMAP4rev2 session for RECENT; null when they are all valid. */
    public static Tagged refused(ImapSession s, List<String> items) {
        return s.imap4rev2() && items.contains("RECENT") ? Tagged.bad("RECENT is not an IMAP4rev2 STATUS item") : null;
    }

    /** The {@code STATUS mailbox (...)} response (without {@code * }) for {@code items}. */
    public static Mono<String> line(ImapSession s, Mailbox box, List<String> items) {
        return recent(s, box, items.contains("RECENT"))
                .zipWith(deleted(s, box, items.contains("DELETED")))
                .map(t -> "STATUS " + MailboxNames.encode(box.name(), s.utf8()) + " ("
                        + String.join(" ", items(items, box, t.getT1(), t.getT2(), s.server().options().appendLimit())) + ")");
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

    private static Mono<Long> deleted(ImapSession s, Mailbox box, boolean wanted) {
        if (!wanted) {
            return Mono.just(0L);
        }
        return s.store().messages().search(box.id(), new SearchKey.HasFlag(Flag.DELETED)).map(l -> (long) l.size());
    }

    private static List<String> items(List<String> wanted, Mailbox box, long recent, long deleted, long appendLimit) {
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
                case "DELETED" -> deleted;
                case "APPENDLIMIT" -> appendLimit;
                default -> throw new IllegalStateException(item);
            };
            out.add(item + " " + value);
        }
        return out;
    }
}
