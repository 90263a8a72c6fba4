package dev.gannet.imap.command.subscribe;

import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

/** SUBSCRIBE and UNSUBSCRIBE (RFC 3501 §6.3.6, §6.3.7): a flag on an existing mailbox. */
public final class SubscribeHandler {

    private SubscribeHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Subscribe c, ImapSession s) {
        return Mono.fromCallable(() -> s.mailboxName(c.mailbox()))
                .flatMap(name -> s.store().mailboxes().setSubscribed(s.user().id(), name, c.subscribe()))
                .thenReturn(Tagged.ok((c.subscribe() ? "Subscribe" : "Unsubscribe") + " completed"));
    }
}
