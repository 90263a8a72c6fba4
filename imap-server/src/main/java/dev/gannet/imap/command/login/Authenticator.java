package dev.gannet.imap.command.login;

import dev.gannet.core.error.GannetException;
import dev.gannet.imap.session.ImapNo;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

/**
 * Checks credentials for LOGIN and AUTHENTICATE alike (RFC 3501 §6.2): a failure is answered only after
 * {@code imap.authFailureDelay}, and says nothing about whether the user exists (RFC 5530
 * AUTHENTICATIONFAILED); a success beyond the per-user connection limit answers {@code NO [LIMIT]}.
 */
public final class Authenticator {

    private Authenticator() {
    }

    public static Mono<Tagged> login(ImapSession s, String username, String password) {
        if (username.isEmpty() || password.isEmpty()) {
            return failed(s);
        }
        return s.store().users().authenticate(username, password)
                .switchIfEmpty(Mono.error(new GannetException.AuthFailed()))
                .map(user -> {
                    if (!s.loggedIn(user)) {
                        throw new ImapNo("LIMIT", "Too many connections for this user");
                    }
                    return Tagged.ok(s.capabilityLine(), "Logged in");
                })
                .onErrorResume(GannetException.AuthFailed.class, e -> failed(s));
    }

    public static Mono<Tagged> failed(ImapSession s) {
        return Mono.delay(s.server().options().authFailureDelay())
                .then(Mono.error(new ImapNo("AUTHENTICATIONFAILED", "Authentication failed")));
    }
}
