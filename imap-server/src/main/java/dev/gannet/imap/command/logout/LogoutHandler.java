package dev.gannet.imap.command.logout;

import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.protocol.SessionState;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

/** LOGOUT (RFC 3501 §6.1.3): an untagged BYE, the tagged OK, then the server closes the connection. */
public final class LogoutHandler {

    private LogoutHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Logout c, ImapSession s) {
        s.out().untagged("BYE Logging out");
        s.state(SessionState.LOGOUT);
        return Mono.just(Tagged.ok("Logout completed").thenClose());
    }
}
