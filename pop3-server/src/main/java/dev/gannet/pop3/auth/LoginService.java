package dev.gannet.pop3.auth;

import dev.gannet.core.coord.RateLimit;
import dev.gannet.core.coord.RateLimiter;
import dev.gannet.core.error.ErrorCode;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.User;
import dev.gannet.core.store.UserStore;
import dev.gannet.pop3.protocol.Pop3Exception;
import reactor.core.publisher.Mono;

import io.micrometer.core.instrument.Counter;

import java.time.Duration;
import java.util.Locale;

/**
 * Checks a POP3 login (RFC 1939 §7 USER/PASS, RFC 5034 AUTH PLAIN) against the user store and throttles
 * guessing: every failure is answered only after a delay, and once a client address has failed too
 * often for one username within the window, further attempts are refused unchecked until the window
 * ends (RFC 3206 §4: {@code [AUTH]}). A success clears the count. Passwords are never logged.
 */
public final class LoginService {

    static final Duration WINDOW = Duration.ofMinutes(15);

    private final UserStore users;
    private final RateLimiter limiter;
    private final Duration failureDelay;
    private final Counter failures;
    private final RateLimit limit;

    /** @param failureLimit failures allowed per window; 0 = unlimited */
    public LoginService(UserStore users, RateLimiter limiter, Duration failureDelay, int failureLimit,
            Counter failures) {
        this.failures = failures;
        this.users = users;
        this.limiter = limiter;
        this.failureDelay = failureDelay;
        this.limit = failureLimit > 0 ? new RateLimit(failureLimit, WINDOW) : null;
    }

    /** Emits the user, or errors with AUTH_FAILED (after the delay) or a refusal when throttled. */
    public Mono<User> login(String username, String password, String client) {
        String key = "pop3-auth/" + client + "/" + username.toLowerCase(Locale.ROOT);
        Mono<Boolean> allowed = limit == null ? Mono.just(true) : limiter.peek(key, limit).map(RateLimit.Result::allowed);
        return allowed
                .flatMap(ok -> ok ? users.authenticate(username, password)
                        : Mono.<User>error(new Pop3Exception("AUTH", "too many failed logins, try again later")))
                .flatMap(user -> clear(key).thenReturn(user))
                .onErrorResume(LoginService::refused, e -> count(key).then(Mono.delay(failureDelay)).then(Mono.error(e)));
    }

    private static boolean refused(Throwable e) {
        return (e instanceof GannetException g && g.code() == ErrorCode.AUTH_FAILED)
                || (e instanceof Pop3Exception p && "AUTH".equals(p.code()));
    }

    private Mono<Void> count(String key) {
        failures.increment();
        return limit == null ? Mono.empty() : limiter.hit(key, limit).then().onErrorResume(e -> Mono.empty());
    }

    private Mono<Void> clear(String key) {
        return limit == null ? Mono.empty() : limiter.reset(key).onErrorResume(e -> Mono.empty());
    }
}
