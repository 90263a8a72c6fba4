package dev.gannet.api.auth;

import dev.gannet.api.Access;
import dev.gannet.core.metrics.Meters;
import dev.gannet.api.ApiException;
import dev.gannet.api.Call;
import dev.gannet.api.Route;
import dev.gannet.core.coord.RateLimit;
import dev.gannet.core.auth.LoginRequest;
import dev.gannet.core.auth.LoginResult;
import dev.gannet.core.auth.LoginService;
import dev.gannet.core.store.User;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /authenticate} (WildDuck's path and fields) trades a username and password for a user
 * token; {@code DELETE /authenticate} revokes the token it is called with. The check is core's login
 * service, the same as IMAP and POP3 use (an outdated or imported hash is rehashed on success; an ASP is
 * accepted for its scopes, never for {@code master}). With a second factor on, a password login answers
 * {@code require2fa} with the enabled methods and a token good only for the second-factor routes until one of
 * them passes (as WildDuck). A token of scope {@code imap}, {@code pop3} or {@code smtp} proves the credentials for
 * that service and reaches no API resource. Failed attempts are counted per username and client
 * address ({@code api.authFailureLimit}) and per address ({@code auth.addressFailureLimit}); past a limit the
 * answer is 429 until the window ends, whatever the password, while other addresses still log in.
 */
public final class AuthRoutes {

    /**
     * WildDuck's request fields; {@code sess} goes to the auth log; {@code protocol}, {@code ip}, {@code appId}
     * are accepted and ignored (the limits and the log use the address the request came from).
     */
    public record AuthRequest(String username, String password, String scope, Boolean token, String protocol,
            String sess, String ip, String appId) {
        @Override
        public String toString() {
            return "AuthRequest[username=" + username + ", password=***]";
        }
    }

    /** {@code require2fa} is false, or the list of enabled second factors (WildDuck's shape). */
    public record AuthResponse(boolean success, String id, String username, String scope, Object require2fa,
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

    /** WildDuck's scopes: {@code master} is the API itself; a token of another scope reaches no resource. */
    static final List<String> SCOPES = List.of("master", "imap", "pop3", "smtp");

    /** The window of {@code api.authFailureLimit}: failures per username and client address. */
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);

    public static List<Route> routes(LoginService logins, int failureLimit, TokenStore tokens, MeterRegistry metrics) {
        RateLimit perUserAddress = new RateLimit(failureLimit, FAILURE_WINDOW);
        Counter failures = Meters.authFailures(metrics, "api");
        return List.of(
                Route.post("/authenticate").access(Access.PUBLIC).doc("auth",
                        "Check a user's password and issue a user token that reaches only that user's resources")
                        .body(AuthRequest.class).returns(AuthResponse.class)
                        .handle(call -> authenticate(call, logins, perUserAddress, tokens, failures)),
                Route.delete("/authenticate").access(Access.ANY).anyScope().beforeSecondFactor()
                        .doc("auth", "Revoke the user token this request carries")
                        .returns(Success.class)
                        .handle(call -> {
                            if (call.principal().root()) {
                                throw ApiException.badRequest("the root token cannot be revoked through the API");
                            }
                            Call.run(tokens.revoke(call.principal().tokenHash()));
                            return new Success(true);
                        }));
    }

    private static AuthResponse authenticate(Call call, LoginService logins, RateLimit failureLimit, TokenStore tokens,
            Counter failures) {
        AuthRequest req = call.body(AuthRequest.class);
        if (req.username() == null || req.username().isEmpty()) {
            throw ApiException.badRequest("field username is required");
        }
        if (req.password() == null || req.password().isEmpty()) {
            throw ApiException.badRequest("field password is required");
        }
        if (req.scope() != null && !SCOPES.contains(req.scope())) {
            throw ApiException.badRequest("field scope: one of master, imap, pop3, smtp");
        }
        LoginResult result = Call.await(logins.login(new LoginRequest(req.username(), req.password(), "api",
                req.scope() == null ? "master" : req.scope(), call.ctx().ip(), req.sess()), failureLimit), "login");
        if (result instanceof LoginResult.Failure f) {
            failures.increment();
            if (f.throttled()) {
                call.ctx().header("Retry-After", Long.toString(Math.max(1, f.retryAfter().toSeconds())));
                throw new ApiException(429, "RateLimited", "too many failed attempts, try again later");
            }
            throw ApiException.unauthorized("authentication failed");
        }
        // an ASP was checked against the scope by the login service, and never needs a second factor
        LoginResult.Success login = (LoginResult.Success) result;
        User user = login.user();
        String scope = req.scope() == null ? "master" : req.scope();
        boolean pending = login.needsSecondFactor();
        String token = Call.await(tokens.issue(user.id(), scope, pending), "token");
        return new AuthResponse(true, user.id().value(), user.username(), scope,
                pending ? List.copyOf(user.enabled2fa()) : false, false, token,
                Instant.now().plus(tokens.ttl()).toString());
    }
}
