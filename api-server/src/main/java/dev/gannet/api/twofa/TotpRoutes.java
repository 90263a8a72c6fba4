package dev.gannet.api.twofa;

import dev.gannet.api.ApiException;
import dev.gannet.api.Call;
import dev.gannet.api.Route;
import dev.gannet.api.auth.TokenStore;
import dev.gannet.core.auth.LoginService;
import dev.gannet.core.coord.RateLimit;
import dev.gannet.core.coord.RateLimiter;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.TotpStore;
import dev.gannet.core.store.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * TOTP and custom second factors on WildDuck's routes ({@code /users/{user}/2fa/...}). Setup stores a new seed
 * as pending and answers it with its QR code; enable turns it on only with a right code for that seed; check is
 * what a token from {@code POST /authenticate} that still waits for its second factor calls, and a right code makes
 * that token a full one. A code is good once (its time step must raise the last used one, in one conditional write),
 * and codes per user are limited ({@code api.totpFailureLimit} attempts per 15 minutes without a right one, then
 * 429) so six digits cannot
 * be tried through. Seeds are stored encrypted when {@code api.totpKey} is set ({@link SeedSeal}). Every failure is a {@code gannet.auth} line in the login-failure format (docs/security.md).
 */
public final class TotpRoutes {

    public record Setup(String label, String issuer, Boolean fresh, String sess, String ip) {
    }

    public record SetupResult(boolean success, String seed, String qrcode) {
        @Override
        public String toString() {
            return "SetupResult[seed=***]";
        }
    }

    public record Code(String token, String sess, String ip) {
        @Override
        public String toString() {
            return "Code[token=***]";
        }
    }

    public record Success(boolean success) {
    }

    static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Logger AUTH = LoggerFactory.getLogger("gannet.auth");
    private final MailStore store;
    private final TokenStore tokens;
    private final RateLimiter limiter;
    private final RateLimit failures;
    private final String issuer;
    private final SeedSeal seal;

    public TotpRoutes(MailStore store, TokenStore tokens, RateLimiter limiter, int failureLimit, String issuer,
            String seedKey) {
        this.seal = new SeedSeal(seedKey);
        this.store = store;
        this.tokens = tokens;
        this.limiter = limiter;
        this.failures = new RateLimit(failureLimit, FAILURE_WINDOW);
        this.issuer = issuer;
    }

    public List<Route> routes() {
        return List.of(
                Route.post("/users/{user}/2fa/totp/setup").doc("2fa",
                        "Start TOTP setup: a new seed (shown in this answer only) and its QR code; TOTP is on only after enable")
                        .body(Setup.class).returns(SetupResult.class).handle(this::setup),
                Route.post("/users/{user}/2fa/totp/enable").doc("2fa",
                        "Turn TOTP on with a code from the seed of the last setup")
                        .body(Code.class).returns(Success.class).handle(this::enable),
                Route.post("/users/{user}/2fa/totp/check").beforeSecondFactor().doc("2fa",
                        "Check a TOTP code; a token from /authenticate waiting for its second factor becomes a full token")
                        .body(Code.class).returns(Success.class).handle(this::check),
                Route.delete("/users/{user}/2fa/totp").doc("2fa", "Turn TOTP off").returns(Success.class)
                        .handle(call -> {
                            Call.await(store.totp().disable(user(call).id()), "user");
                            return new Success(true);
                        }),
                Route.put("/users/{user}/2fa/custom").doc("2fa",
                        "Mark a second factor the application checks itself as on (protocol logins then need an ASP)")
                        .returns(Success.class).handle(call -> {
                            Call.await(store.totp().setCustom(user(call).id(), true), "user");
                            return new Success(true);
                        }),
                Route.delete("/users/{user}/2fa/custom").doc("2fa", "Turn the custom second factor off")
                        .returns(Success.class).handle(call -> {
                            Call.await(store.totp().setCustom(user(call).id(), false), "user");
                            return new Success(true);
                        }),
                Route.delete("/users/{user}/2fa").doc("2fa", "Turn every second factor off (TOTP, WebAuthn, custom)")
                        .returns(Success.class).handle(call -> {
                            User u = user(call);
                            Call.await(store.totp().disable(u.id()), "user");
                            Call.await(store.totp().setCustom(u.id(), false), "user");
                            Call.run(store.webauthn().deleteAll(u.id()));
                            return new Success(true);
                        }));
    }

    private User user(Call call) {
        return Call.await(store.users().get(call.user()), "no such user");
    }

    private SetupResult setup(Call call) {
        User u = user(call);
        Setup req = call.ctx().req().getContentLengthLong() == 0 ? null : call.body(Setup.class);
        String label = req == null || req.label() == null || req.label().isBlank() ? u.username() : req.label().strip();
        String shownIssuer = req == null || req.issuer() == null || req.issuer().isBlank() ? issuer : req.issuer().strip();
        if (label.length() > 255 || shownIssuer.length() > 255) {
            throw ApiException.badRequest("fields label and issuer: at most 255 characters each");
        }
        if (label.contains(":") || shownIssuer.contains(":")) {
            throw ApiException.badRequest("fields label and issuer: must not contain ':' (it separates them in the QR code)");
        }
        String seed = TotpCodes.newSeed();
        boolean fresh = req != null && Boolean.TRUE.equals(req.fresh());
        if (!Call.await(store.totp().setPending(u.id(), seal.seal(seed), fresh), "user")) {
            throw ApiException.badRequest("TOTP is already enabled for this user (turn it off first, or ask with fresh: true)");
        }
        return new SetupResult(true, seed, QrCodes.pngDataUrl(TotpCodes.uri(shownIssuer, label, seed)));
    }

    private Success enable(Call call) {
        User u = user(call);
        Code req = code(call);
        allowed(call, u);
        String stored = store.totp().pending(u.id()).blockOptional(WAIT)
                .orElseThrow(() -> ApiException.badRequest("TOTP setup was not started (POST .../2fa/totp/setup first)"));
        OptionalLong step = TotpCodes.matchingStep(seal.open(stored), req.token(), Instant.now());
        if (step.isEmpty()) {
            throw failed(call, u, "totp-code");
        }
        if (!Call.await(store.totp().enable(u.id(), stored, step.getAsLong()), "user")) {
            throw new ApiException(409, "Conflict", "the seed changed meanwhile: a newer setup started; enable with its code");
        }
        passed(u);
        return new Success(true);
    }

    private Success check(Call call) {
        User u = user(call);
        Code req = code(call);
        allowed(call, u);
        TotpStore.Totp totp = store.totp().enabled(u.id()).blockOptional(WAIT)
                .orElseThrow(() -> ApiException.badRequest("TOTP is not enabled for this user"));
        OptionalLong step = TotpCodes.matchingStep(seal.open(totp.seed()), req.token(), Instant.now());
        if (step.isEmpty()) {
            throw failed(call, u, "totp-code");
        }
        if (!Call.await(store.totp().useStep(u.id(), totp.seed(), step.getAsLong()), "user")) {
            throw failed(call, u, "totp-replay");
        }
        passed(u);
        if (!call.principal().root() && call.principal().pendingSecondFactor()) {
            Call.run(tokens.completeSecondFactor(call.principal().tokenHash()));
        }
        AUTH.info("second factor ok: ip={} protocol=api user={} source=totp", call.ctx().ip(), LoginService.quote(u.username()));
        return new Success(true);
    }

    private static Code code(Call call) {
        Code req = call.body(Code.class);
        if (req.token() == null || req.token().isBlank()) {
            throw ApiException.badRequest("field token is required (the 6-digit code)");
        }
        return req;
    }

    /**
     * Counts this attempt before its code is looked at, so that codes sent in parallel are all counted, and refuses
     * it (429) past the limit, whatever the code is; a right code clears the count ({@link #passed}).
     */
    private void allowed(Call call, User u) {
        RateLimit.Result r = limiter.hit(key(u), failures).blockOptional(WAIT).orElse(null);
        if (r != null && !r.allowed()) {
            call.ctx().header("Retry-After", Long.toString(Math.max(1, r.retryAfter().toSeconds())));
            AUTH.warn("login failed: ip={} protocol=api user={} source=totp reason=rate-limited", call.ctx().ip(),
                    LoginService.quote(u.username()));
            throw new ApiException(429, "RateLimited", "too many failed codes, try again later");
        }
    }

    private void passed(User u) {
        limiter.reset(key(u)).onErrorResume(e -> reactor.core.publisher.Mono.empty()).block(WAIT);
    }

    private ApiException failed(Call call, User u, String reason) {
        AUTH.warn("login failed: ip={} protocol=api user={} source=totp reason={}", call.ctx().ip(),
                LoginService.quote(u.username()), reason);
        return ApiException.forbidden("invalid TOTP code");
    }

    private static String key(User u) {
        return "2fa:" + u.id().value();
    }
}
