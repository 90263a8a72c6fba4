package dev.gannet.imap.command.login;

import dev.gannet.core.auth.LoginRequest;
import dev.gannet.core.auth.LoginResult;
import dev.gannet.core.coord.RateLimit;
import dev.gannet.core.metrics.Meters;
import dev.gannet.imap.session.ImapNo;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

/**
 * Checks credentials for LOGIN and AUTHENTICATE alike (RFC 3501 §6.2) through core's login service, which
 * applies the brute-force limits ({@code imap.authFailureLimit} failures for one user from one address
 * within {@code imap.authFailureWindow}, and {@code auth.addressFailureLimit} per address), accepts
 * application-specific passwords with scope {@code imap}, and logs every attempt. A failure is answered only
 * after {@code imap.authFailureDelay}, and says nothing about why (RFC 5530 AUTHENTICATIONFAILED). A success
 * beyond the per-user connection limit answers {@code NO [LIMIT]}.
 */
public final class Authenticator {

    private Authenticator() {
    }

    public static Mono<Tagged> login(ImapSession s, String username, String password) {
        return s.server().logins().login(request(s, username, password), limit(s)).flatMap(result -> {
            if (result instanceof LoginResult.Success ok) {
                if (!s.loggedIn(ok.user())) {
                    return Mono.error(new ImapNo("LIMIT", "Too many connections for this user"));
                }
                return Mono.just(Tagged.ok(s.capabilityLine(), "Logged in"));
            }
            return failed(s);
        });
    }

    /** A login the command refused itself (PLAIN with another authorisation identity): logged, counted, delayed. */
    public static Mono<Tagged> refused(ImapSession s, String username, String reason) {
        return s.server().logins().refuse(request(s, username, ""), reason, limit(s)).then(failed(s));
    }

    private static RateLimit limit(ImapSession s) {
        return new RateLimit(s.server().options().authFailureLimit(), s.server().options().authFailureWindow());
    }

    private static LoginRequest request(ImapSession s, String username, String password) {
        String address = null;
        String sess = null;
        if (s.connection() != null) {
            sess = s.connection().sessionId();
            if (s.connection().remote() instanceof java.net.InetSocketAddress a && a.getAddress() != null) {
                address = a.getAddress().getHostAddress();
            }
        }
        return LoginRequest.of("imap", username, password, address, sess);
    }

    /** Every refused login is answered through here: counted, then answered after the failed-login delay. */
    public static Mono<Tagged> failed(ImapSession s) {
        Meters.authFailures(s.server().node().metrics(), "imap").increment();
        return Mono.delay(s.server().options().authFailureDelay())
                .then(Mono.error(new ImapNo("AUTHENTICATIONFAILED", "Authentication failed")));
    }
}
