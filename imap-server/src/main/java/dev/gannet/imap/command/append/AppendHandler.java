package dev.gannet.imap.command.append;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.MessageSource;
import dev.gannet.imap.codec.Fragment;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.protocol.ImapParseException;
import dev.gannet.imap.session.ImapNo;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.SelectedMailbox;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

/**
 * APPEND (RFC 3501 §6.3.11; RFC 4315 APPENDUID; RFC 7889 APPENDLIMIT, enforced by the decoder before the
 * literal is read): stores the literal exactly as sent, from memory or its spool file. A missing mailbox
 * answers {@code NO [TRYCREATE]}; appending to the selected mailbox is then reported as EXISTS.
 */
public final class AppendHandler {

    private AppendHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Append c, ImapSession s) {
        Flags flags;
        try {
            flags = Flags.parse(c.flags().stream().filter(f -> !f.equalsIgnoreCase("\\Recent")).toList());
        } catch (GannetException e) {
            throw new ImapParseException("Invalid flag");
        }
        MessageSource source;
        if (c.message() instanceof Fragment.Bytes b) {
            source = MessageSource.of(b.bytes());
        } else if (c.message() instanceof Fragment.Spooled sp) {
            source = MessageSource.of(sp.file());
        } else {
            throw new ImapParseException("Expected a literal");
        }
        if (source.size() == 0) {
            return Mono.just(Tagged.no("CANNOT", "Cannot append an empty message"));
        }
        return Mono.defer(() -> s.store().mailboxes().get(s.user().id(), s.mailboxName(c.mailbox())))
                .switchIfEmpty(Mono.error(() -> new ImapNo("TRYCREATE", "No such mailbox")))
                .flatMap(box -> s.store().messages().append(new AppendRequest(s.user().id(), box.id(), source, flags,
                        c.internalDate(), AppendRequest.Origin.IMAP)))
                .map(appended -> {
                    SelectedMailbox sel = s.selected();
                    if (sel != null && sel.id().equals(appended.mailbox())) {
                        sel.markDirty();
                    }
                    return Tagged.ok("APPENDUID " + appended.uidValidity() + " " + appended.uid().value(), "Append completed");
                });
    }
}
