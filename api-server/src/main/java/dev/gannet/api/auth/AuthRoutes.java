package dev.gannet.api.auth;

import dev.gannet.api.Access;
import dev.gannet.core.metrics.Meters;
import dev.gannet.api.ApiException;
import dev.gannet.api.Call;
import dev.gannet.api.Route;
import dev.gannet.core.coord.RateLimit;
import dev.gannet.core.coord.RateLimiter;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.User;
import dev.gannet.core.store.UserStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.List;

/**
 * {@code POST /authenticate} (WildDuck's path and fields) trades a username and password for a user
 * token; {@code DELETE /authenticate} revokes the token it is called with. The password check is the
 * store's, the same as IMAP and POP3 use, so an outdated or imported hash is rehashed on success. Failed
 * attempts are counted per username on the shared rate limiter; past the limit the answer is 429 until
 * the window ends, whatever the password.
 */
public final class AuthRoutes {

    /** WildDuck's request fields; {@code protocol}, {@code sess}, {@code ip}, {@code appId} are accepted and ignored. */
    public record AuthRequest(String username, String password, String scope, Boolean token, String protocol,
            String sess, String ip, String appId) {
        @Override
        public String toString() {
            return "AuthRequest[username=" + username + ", password=***]";
        }
    }

    public record AuthResponse(boolean success, String id, String username, String scope, boolean require2fa,
            boolean requirePasswordChange, String token, String expires) {
        @Override
        public String toString() {
            return "AuthResponse[id=" + id + ", token=***]";
        }
    }

    public record Success(boolean success) {
    }

    private AuthRoutes() {
    }

    /** Failed logins allowed per username before POST /authenticate refuses it for the rest of the window. */
    static final RateLimit FAILURES = new RateLimit(10, Duration.ofMinutes(15));

    public static List<Route> routes(UserStore users, TokenStore tokens, RateLimiter limiter, MeterRegistry metrics) {
        Counter failures = Meters.authFailures(metrics, "api");
        return List.of(
                Route.post("/authenticate").access(Access.PUBLIC).doc("auth",
                        "Check a user's password and issue a user token that reaches only that user's resources")
                        .body(AuthRequest.class).returns(AuthResponse.class)
                        .handle(call -> authenticate(call, users, tokens, limiter, failures)),
                Route.delete("/authenticate").access(Access.ANY).doc("auth", "Revoke the user token this request carries")
                        .returns(Success.class)
                        .handle(call -> {
                            if (call.principal().root()) {
                                throw ApiException.badRequest("the root token cannot be revoked through the API");
                            }
                            Call.run(tokens.revoke(call.principal().tokenHash()));
                            return new Success(true);
                        }));
    }

    private static AuthResponse authenticate(Call call, UserStore users, TokenStore tokens, RateLimiter limiter,
            Counter failures) {
        AuthRequest req = call.body(AuthRequest.class);
        if (req.username() == null || req.username().isEmpty()) {
            throw ApiException.badRequest("field username is required");
        }
        if (req.password() == null || req.password().isEmpty()) {
            throw ApiException.badRequest("field password is required");
        }
        if (req.scope() != null && !req.scope().equals("master")) {
            throw ApiException.badRequest("field scope: only \"master\" is supported");
        }
        String key = "api-auth:" + req.username().toLowerCase(Locale.ROOT);
        RateLimit.Result state = Call.await(limiter.peek(key, FAILURES), "rate limit");
        if (!state.allowed()) {
            call.ctx().header("Retry-After", Long.toString(Math.max(1, state.retryAfter().toSeconds())));
            throw new ApiException(429, "RateLimited", "too many failed attempts, try again later");
        }
        User user;
        try {
            user = Call.await(users.authenticate(req.username(), req.password()), "authentication failed");
        } catch (GannetException.AuthFailed | ApiException e) {
            failures.increment();
            Call.run(limiter.hit(key, FAILURES));
            throw ApiException.unauthorized("authentication failed");
        }
        Call.run(limiter.reset(key));
        String token = Call.await(tokens.issue(user.id()), "token");
        return new AuthResponse(true, user.id().value(), user.username(), "master", false, false, token,
                Instant.now().plus(tokens.ttl()).toString());
    }
}
