package dev.gannet.imap.command.id;

import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

/**
 * ID (RFC 2971): answers with the server's name. The client's fields are accepted and not logged, as
 * they may carry personal data; they have no effect.
 */
public final class IdHandler {

    private IdHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Id c, ImapSession s) {
        s.out().untagged("ID (\"name\" \"Gannet\" \"vendor\" \"Gannet\")");
        return Mono.just(Tagged.ok("ID completed"));
    }
}
