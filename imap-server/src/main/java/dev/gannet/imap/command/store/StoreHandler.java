package dev.gannet.imap.command.store;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.FlagUpdate;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.MessageMeta;
import dev.gannet.core.store.Uid;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.command.fetch.FetchResponse;
import dev.gannet.imap.protocol.ImapParseException;
import dev.gannet.imap.protocol.UidSets;
import dev.gannet.imap.session.ImapNo;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.SelectedMailbox;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * STORE and UID STORE (RFC 3501 §6.4.6; RFC 7162 §3.1.3 UNCHANGEDSINCE): one store update for the whole
 * set; each message whose flags changed gets an untagged FETCH with its new flags (not with .SILENT), and
 * messages that failed the UNCHANGEDSINCE test are named in {@code [MODIFIED]}. Keywords keep the case
 * the client gave; one new to the mailbox is announced with FLAGS and PERMANENTFLAGS before the first FETCH
 * (RFC 3501 §7.2.6); {@code \Recent} cannot be stored and is ignored.
 */
public final class StoreHandler {

    private StoreHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Store c, ImapSession s) {
        SelectedMailbox sel = s.selected();
        if (sel.readOnly()) {
            return Mono.error(new ImapNo("READ-ONLY", "Mailbox is read-only"));
        }
        long[] uids = s.resolve(c.set(), c.uid());
        if (uids == null) {
            return Mono.just(Tagged.bad("Invalid message sequence number"));
        }
        Flags flags;
        try {
            flags = Flags.parse(c.flags().stream().filter(f -> !f.equalsIgnoreCase("\\Recent")).toList());
        } catch (GannetException e) {
            throw new ImapParseException("Invalid flag");
        }
        String name = c.uid() ? "UID STORE" : "Store";
        if (uids.length == 0) {
            return Mono.just(Tagged.ok(name + " completed"));
        }
        FlagUpdate update = new FlagUpdate(switch (c.mode()) {
            case '+' -> FlagUpdate.Mode.ADD;
            case '-' -> FlagUpdate.Mode.REMOVE;
            default -> FlagUpdate.Mode.REPLACE;
        }, flags, java.util.Optional.empty());
        if (c.unchangedSince() >= 0) {
            update = update.unchangedSince(c.unchangedSince());
        }
        if (c.unchangedSince() >= 0) {
            s.enable("CONDSTORE");
        }
        boolean modseq = s.condstore();
        return s.store().messages().updateFlags(sel.id(), UidSets.of(uids), update).map(result -> {
            if (!result.changed().isEmpty()) {
                sel.ownChange(result.changed().get(0).modseq());
            }
            // a keyword new to the mailbox is announced first, with .SILENT too (as Dovecot 2.3 does)
            sel.announce(s.out(), result.changed().stream().flatMap(m -> m.flags().keywords().stream()).toList());
            for (MessageMeta m : result.changed()) {
                int seq = sel.seqOf(m.uid().value());
                if (seq < 0 || (c.silent() && !modseq)) {
                    continue;
                }
                FetchResponse response = new FetchResponse(seq);
                // with QRESYNC a flag change always names its UID (RFC 7162 §3.2.4), as Dovecot does it
                if (c.uid() || sel.reportsVanished()) {
                    response.uid(m.uid().value());
                }
                if (!c.silent()) {
                    response.flags(sel.flags(m));
                }
                if (modseq) {
                    response.modseq(m.modseq().value());
                }
                s.out().line(response.line());
            }
            if (!result.failedCondition().isEmpty()) {
                return Tagged.ok("MODIFIED " + modified(result.failedCondition(), sel, c.uid()), "Conditional STORE failed");
            }
            return Tagged.ok(name + " completed");
        });
    }

    private static String modified(List<Uid> failed, SelectedMailbox sel, boolean uid) {
        if (uid) {
            return UidSets.format(failed);
        }
        return UidSets.format(failed.stream().mapToLong(u -> sel.seqOf(u.value())).filter(n -> n > 0).sorted().toArray());
    }
}
