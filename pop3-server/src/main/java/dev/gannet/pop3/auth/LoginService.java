package dev.gannet.pop3.auth;

import dev.gannet.core.auth.LoginRequest;
import dev.gannet.core.auth.LoginResult;
import dev.gannet.core.coord.RateLimit;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.User;
import dev.gannet.pop3.protocol.Pop3Exception;
import io.micrometer.core.instrument.Counter;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * A POP3 login (RFC 1939 §7 USER/PASS, RFC 5034 AUTH PLAIN) through core's login service, which counts
 * failures per client address and username ({@code pop3.authFailureLimit} in 15 minutes) and per address
 * ({@code auth.addressFailureLimit}), accepts application-specific passwords with scope {@code pop3} and logs
 * every attempt. Every failure is answered only after a delay; a throttled client is refused unchecked
 * until the window ends (RFC 3206 §4: {@code [AUTH]}).
 */
public final class LoginService {

    static final Duration WINDOW = Duration.ofMinutes(15);

    private final dev.gannet.core.auth.LoginService logins;
    private final Duration failureDelay;
    private final Counter failures;
    private final RateLimit limit;

    /** @param failureLimit failures allowed per window; 0 = unlimited */
    public LoginService(dev.gannet.core.auth.LoginService logins, Duration failureDelay, int failureLimit,
            Counter failures) {
        this.logins = logins;
        this.failures = failures;
        this.failureDelay = failureDelay;
        this.limit = failureLimit > 0 ? new RateLimit(failureLimit, WINDOW) : null;
    }

    /** Emits the user, or errors with AUTH_FAILED (after the delay) or a refusal when throttled. */
    public Mono<User> login(String username, String password, String client, String sess) {
        return logins.login(LoginRequest.of("pop3", username, password, client, sess), limit).flatMap(result -> {
            if (result instanceof LoginResult.Success ok) {
                return Mono.just(ok.user());
            }
            failures.increment();
            RuntimeException e = ((LoginResult.Failure) result).throttled()
                    ? new Pop3Exception("AUTH", "too many failed logins, try again later")
                    : new GannetException.AuthFailed();
            return Mono.delay(failureDelay).then(Mono.error(e));
        });
    }
}
