package dev.gannet.imap.command.create;

import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

/**
 * CREATE (RFC 3501 §6.3.3): a trailing separator is dropped; parents are implied rather than created, so
 * LIST shows them as {@code \Noselect} until created themselves. An existing name answers
 * {@code NO [ALREADYEXISTS]} (RFC 5530). The OK carries the new mailbox's MAILBOXID (RFC 8474 §4.1).
 */
public final class CreateHandler {

    private CreateHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Create c, ImapSession s) {
        return Mono.fromCallable(() -> s.mailboxName(c.mailbox()))
                .flatMap(name -> s.store().mailboxes().create(s.user().id(), name))
                // RFC 8474 §4.1: the new mailbox's MAILBOXID in the tagged OK
                .map(box -> Tagged.ok("MAILBOXID (" + box.id().value() + ")", "Create completed"));
    }
}
