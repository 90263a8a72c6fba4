package dev.gannet.imap.command.rename;

import dev.gannet.core.store.MailboxName;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.command.create.CreateHandler;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

/**
 * RENAME (RFC 3501 §6.3.5): renames the mailbox and everything below it, creating missing superiors of the
 * new name first; renaming INBOX moves its messages
 * to the new mailbox and leaves INBOX empty, as the RFC specifies.
 */
public final class RenameHandler {

    private RenameHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Rename c, ImapSession s) {
        return Mono.defer(() -> {
            MailboxName from = s.mailboxName(c.from());
            MailboxName to = s.mailboxName(c.to());
            var user = s.user().id();
            // §6.3.5: the superiors the new name needs are created, as CREATE does, once the source is known
            Mono<Void> superiors = from.isAncestorOf(to) || to.equals(from) ? Mono.empty()
                    : s.store().mailboxes().get(user, from).flatMap(m -> CreateHandler.superiors(s, user, to));
            return superiors.then(from.isInbox() ? s.store().mailboxes().renameInbox(user, to)
                    : s.store().mailboxes().rename(user, from, to));
        }).thenReturn(Tagged.ok("Rename completed"));
    }
}
