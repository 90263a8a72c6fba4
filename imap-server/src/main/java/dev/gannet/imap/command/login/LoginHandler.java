package dev.gannet.imap.command.login;

import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

/** LOGIN (RFC 3501 §6.2.3): refused with {@code NO [PRIVACYREQUIRED]} where LOGINDISABLED is advertised. */
public final class LoginHandler {

    private LoginHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Login c, ImapSession s) {
        if (!s.plaintextAllowed()) {
            return Mono.just(Tagged.no("PRIVACYREQUIRED", "Use STARTTLS first"));
        }
        return Authenticator.login(s, c.username(), c.password());
    }
}
