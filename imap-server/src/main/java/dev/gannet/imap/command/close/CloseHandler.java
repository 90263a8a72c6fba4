package dev.gannet.imap.command.close;

import dev.gannet.core.store.UidSet;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.SelectedMailbox;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

/**
 * CLOSE (RFC 3501 §6.4.2) silently expunges the {@code \Deleted} messages of a mailbox selected read-write,
 * then returns to the authenticated state; UNSELECT (RFC 3691) returns without expunging.
 */
public final class CloseHandler {

    private CloseHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Close c, ImapSession s) {
        SelectedMailbox sel = s.selected();
        s.deselect();
        if (!c.expunge() || sel.readOnly()) {
            return Mono.just(Tagged.ok((c.expunge() ? "Close" : "Unselect") + " completed"));
        }
        return s.store().messages().expungeDeleted(sel.id(), UidSet.ALL).thenReturn(Tagged.ok("Close completed"));
    }
}
