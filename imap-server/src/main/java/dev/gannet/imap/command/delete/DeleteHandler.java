package dev.gannet.imap.command.delete;

import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

/**
 * DELETE (RFC 3501 §6.3.4): removes the mailbox and its messages. Its children stay, and the deleted name
 * lives on only as their implied {@code \Noselect} parent, which is what §6.3.4 asks of a mailbox with
 * inferior names; deleting such an implied name answers {@code NO [NONEXISTENT]}.
 */
public final class DeleteHandler {

    private DeleteHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Delete c, ImapSession s) {
        return Mono.fromCallable(() -> s.mailboxName(c.mailbox()))
                .flatMap(name -> s.store().mailboxes().delete(s.user().id(), name))
                .thenReturn(Tagged.ok("Delete completed"));
    }
}
