package dev.gannet.imap.command.noop;

import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

/** NOOP (RFC 3501 §6.1.2): does nothing itself; pending mailbox updates go out before its OK. */
public final class NoopHandler {

    private NoopHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Noop c, ImapSession s) {
        return Mono.just(Tagged.ok("NOOP completed"));
    }
}
