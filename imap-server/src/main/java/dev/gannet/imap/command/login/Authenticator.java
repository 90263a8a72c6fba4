package dev.gannet.imap.command.login;

import dev.gannet.core.coord.RateLimit;
import dev.gannet.core.metrics.Meters;
import dev.gannet.core.coord.RateLimiter;
import dev.gannet.core.error.GannetException;
import dev.gannet.imap.session.ImapNo;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

/**
 * Checks credentials for LOGIN and AUTHENTICATE alike (RFC 3501 §6.2): a failure is answered only after
 * {@code imap.authFailureDelay}, and says nothing about whether the user exists (RFC 5530
 * AUTHENTICATIONFAILED); after {@code imap.authFailureLimit} failures for one user from one address within
 * {@code imap.authFailureWindow}, further attempts are refused without checking the password. A success
 * beyond the per-user connection limit answers {@code NO [LIMIT]}.
 */
public final class Authenticator {

    private Authenticator() {
    }

    public static Mono<Tagged> login(ImapSession s, String username, String password) {
        if (username.isEmpty() || password.isEmpty()) {
            return failed(s);
        }
        RateLimiter limiter = s.server().node().coordination().rateLimiter();
        RateLimit limit = new RateLimit(s.server().options().authFailureLimit(), s.server().options().authFailureWindow());
        String key = failureKey(s, username);
        return limiter.peek(key, limit).onErrorReturn(new RateLimit.Result(true, 0, 1, java.time.Duration.ZERO))
                .flatMap(allowed -> !allowed.allowed() ? failed(s) : s.store().users().authenticate(username, password)
                        .switchIfEmpty(Mono.error(new GannetException.AuthFailed()))
                        .flatMap(user -> limiter.reset(key).onErrorResume(e -> Mono.empty()).thenReturn(user))
                        .map(user -> {
                            if (!s.loggedIn(user)) {
                                throw new ImapNo("LIMIT", "Too many connections for this user");
                            }
                            return Tagged.ok(s.capabilityLine(), "Logged in");
                        })
                        .onErrorResume(GannetException.AuthFailed.class, e -> limiter.hit(key, limit)
                                .onErrorResume(x -> Mono.empty()).then(failed(s))));
    }

    /** Failures are counted per user name and client address, so one client cannot lock out others. */
    private static String failureKey(ImapSession s, String username) {
        String address = "-";
        if (s.connection() != null && s.connection().remote() instanceof java.net.InetSocketAddress a
                && a.getAddress() != null) {
            address = a.getAddress().getHostAddress();
        }
        return "imap-auth-fail:" + address + ":" + username.toLowerCase(java.util.Locale.ROOT);
    }

    /** Every refused login goes through here: it is counted, then answered after the failed-login delay. */
    public static Mono<Tagged> failed(ImapSession s) {
        Meters.authFailures(s.server().node().metrics(), "imap").increment();
        return Mono.delay(s.server().options().authFailureDelay())
                .then(Mono.error(new ImapNo("AUTHENTICATIONFAILED", "Authentication failed")));
    }
}
