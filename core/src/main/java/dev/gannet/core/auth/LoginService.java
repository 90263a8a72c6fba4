package dev.gannet.core.auth;

import dev.gannet.core.config.Settings;
import dev.gannet.core.coord.RateLimit;
import dev.gannet.core.coord.RateLimiter;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.node.NodeContext;
import dev.gannet.core.store.AppPassword;
import dev.gannet.core.store.AuthEvent;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.User;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Every login goes through here: IMAP LOGIN and AUTHENTICATE, POP3 USER/PASS and AUTH, the API's
 * {@code POST /authenticate}, and later SMTP and ManageSieve. It applies the brute-force limits (failures per
 * user name and client address, counted per protocol with the protocol's limit, and per client address over
 * everything, {@code auth.addressFailureLimit}), tells an application-specific password from a password by
 * its shape (16 letters a-z, whitespace ignored, as WildDuck), enforces ASP scopes and the rule that a user
 * with a second factor on logs in to protocols with an ASP only, writes every attempt to the auth log and
 * every failure as one line of the {@code gannet.auth} log (docs/security.md). A success clears the
 * per-user-and-address count, never the per-address one. Secrets are never logged.
 */
public final class LoginService {

    /** Failure reasons, for the log line and the auth log's {@code reason}; never shown to the client. */
    public static final String REASON_MALFORMED = "malformed";
    public static final String REASON_UNKNOWN_USER = "unknown-user";
    public static final String REASON_DISABLED = "disabled";
    public static final String REASON_PASSWORD = "wrong-password";
    public static final String REASON_ASP_REQUIRED = "asp-required";
    public static final String REASON_ASP_SCOPE = "asp-scope";
    public static final String REASON_ASP_EXPIRED = "asp-expired";
    public static final String REASON_ASP_DELETED = "asp-deleted";
    public static final String REASON_THROTTLED = "rate-limited";
    public static final String REASON_AUTHZID = "authzid-mismatch";

    static final Logger LOG = LoggerFactory.getLogger("gannet.auth");
    private static final Pattern ASP_SHAPE = Pattern.compile("[a-z]{16}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final int MAX_LOGGED_NAME = 256;

    private final MailStore store;
    private final RateLimiter limiter;
    private final RateLimit perAddress;
    private final Duration retention;

    /** @param perAddress failures allowed per client address over all protocols; null = unlimited */
    public LoginService(MailStore store, RateLimiter limiter, RateLimit perAddress, Duration retention) {
        this.store = store;
        this.limiter = limiter;
        this.perAddress = perAddress;
        this.retention = retention;
    }

    /** The service as configured: {@code auth.addressFailureLimit}, {@code auth.addressFailureWindow}, {@code auth.logRetention}. */
    public static LoginService from(NodeContext context) {
        int limit = context.config().get(Settings.AUTH_ADDRESS_FAILURE_LIMIT);
        RateLimit perAddress = limit > 0 ? new RateLimit(limit, context.config().get(Settings.AUTH_ADDRESS_FAILURE_WINDOW)) : null;
        return new LoginService(context.store(), context.coordination().rateLimiter(), perAddress,
                context.config().get(Settings.AUTH_LOG_RETENTION));
    }

    /**
     * Checks one login. Emits a {@link LoginResult.Success} or a {@link LoginResult.Failure}; errors only when
     * the store is unreachable (UNAVAILABLE), which the protocol answers as a temporary failure.
     *
     * @param perUserAddress failures allowed for this user name from this address on this protocol; null = unlimited
     */
    public Mono<LoginResult> login(LoginRequest req, RateLimit perUserAddress) {
        Attempt a = new Attempt(req, perUserAddress);
        return Mono.zip(peek(a.userKey, perUserAddress), peek(a.addressKey, perAddress)).flatMap(t -> {
            if (!t.getT1().allowed() || !t.getT2().allowed()) {
                Duration wait = t.getT1().retryAfter().compareTo(t.getT2().retryAfter()) > 0
                        ? t.getT1().retryAfter() : t.getT2().retryAfter();
                return fail(a, null, null, REASON_THROTTLED, true, wait);
            }
            return check(a);
        });
    }

    /** Records a login the protocol refused itself (a SASL authorisation identity it does not allow). */
    public Mono<LoginResult> refuse(LoginRequest req, String reason, RateLimit perUserAddress) {
        Attempt a = new Attempt(req, perUserAddress);
        return store.users().byUsername(req.username()).map(Optional::of).defaultIfEmpty(Optional.empty())
                .onErrorReturn(Optional.empty())
                .flatMap(u -> fail(a, u.orElse(null), null, reason, false, Duration.ZERO));
    }

    private Mono<LoginResult> check(Attempt a) {
        LoginRequest req = a.req;
        if (req.username().isEmpty() || req.secret().isEmpty()) {
            return fail(a, null, null, REASON_MALFORMED, false, Duration.ZERO);
        }
        return store.users().byUsername(req.username()).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        return fail(a, null, null, REASON_UNKNOWN_USER, false, Duration.ZERO);
                    }
                    User user = found.get();
                    if (user.disabled()) {
                        return fail(a, user, null, REASON_DISABLED, false, Duration.ZERO);
                    }
                    String compact = WHITESPACE.matcher(req.secret()).replaceAll("");
                    if (!ASP_SHAPE.matcher(compact).matches()) {
                        return passwordLogin(a, user);
                    }
                    return store.asps().match(user.id(), compact)
                            .flatMap(asp -> aspLogin(a, user, asp, compact))
                            .switchIfEmpty(Mono.defer(() -> passwordLogin(a, user)));
                });
    }

    private Mono<LoginResult> passwordLogin(Attempt a, User known) {
        return store.users().authenticate(a.req.username(), a.req.secret())
                .flatMap(user -> {
                    if (user.has2fa() && !"master".equals(a.req.scope())) {
                        return fail(a, user, LoginResult.Source.PASSWORD, REASON_ASP_REQUIRED, false, Duration.ZERO);
                    }
                    return succeed(a, user, LoginResult.Source.PASSWORD, null, null);
                })
                .onErrorResume(GannetException.AuthFailed.class,
                        e -> fail(a, known, LoginResult.Source.PASSWORD, REASON_PASSWORD, false, Duration.ZERO));
    }

    private Mono<LoginResult> aspLogin(Attempt a, User user, AppPassword asp, String secret) {
        Instant now = Instant.now();
        if (asp.expiredAt(now)) {
            return fail(a, user, LoginResult.Source.ASP, REASON_ASP_EXPIRED, false, Duration.ZERO, asp);
        }
        if (!asp.allows(a.req.scope())) {
            return fail(a, user, LoginResult.Source.ASP, REASON_ASP_SCOPE, false, Duration.ZERO, asp);
        }
        // The event id comes first so the ASP's last use can name it; the conditional write decides.
        return store.authLog().allocate(user.id()).map(Optional::of).defaultIfEmpty(Optional.empty())
                .onErrorReturn(Optional.empty())
                .flatMap(id -> store.asps().recordUse(user.id(), secret,
                                new AppPassword.LastUse(now, a.req.ip(), a.req.protocol(), id.orElse(null)))
                        .flatMap(recorded -> recorded
                                ? succeed(a, user, LoginResult.Source.ASP, asp, id.orElse(null))
                                : fail(a, user, LoginResult.Source.ASP, REASON_ASP_DELETED, false, Duration.ZERO, asp)));
    }

    private Mono<LoginResult> succeed(Attempt a, User user, LoginResult.Source source, AppPassword asp, String eventId) {
        LOG.info("login ok: ip={} protocol={} user={} source={}", a.req.ip(), a.req.protocol(), quote(a.req.username()),
                source.logName());
        AuthEvent event = a.event(user, source, asp, AuthEvent.SUCCESS, null, retention);
        Mono<AuthEvent> written = eventId != null ? store.authLog().record(eventId, event) : store.authLog().record(event);
        return reset(a.userKey)
                .then(safely(written))
                .map(e -> (LoginResult) new LoginResult.Success(user, source, asp == null ? null : asp.id(),
                        asp == null ? null : asp.scopes(), e.map(AuthEvent::id).orElse(null)));
    }

    private Mono<LoginResult> fail(Attempt a, User user, LoginResult.Source source, String reason, boolean throttled,
            Duration wait) {
        return fail(a, user, source, reason, throttled, wait, null);
    }

    private Mono<LoginResult> fail(Attempt a, User user, LoginResult.Source source, String reason, boolean throttled,
            Duration wait, AppPassword asp) {
        LOG.warn("login failed: ip={} protocol={} user={} source={} reason={}", a.req.ip(), a.req.protocol(),
                quote(a.req.username()), source == null ? "-" : source.logName(), reason);
        AuthEvent event = a.event(user, source, asp, AuthEvent.FAIL, reason, retention);
        Mono<Void> count = throttled ? Mono.empty() : hit(a.userKey, a.perUserAddress).then(hit(a.addressKey, perAddress));
        return count.then(safely(store.authLog().record(event)))
                .thenReturn(new LoginResult.Failure(reason, throttled, wait));
    }

    private static Mono<Optional<AuthEvent>> safely(Mono<AuthEvent> write) {
        return write.map(Optional::of).defaultIfEmpty(Optional.empty()).onErrorResume(e -> {
            LOG.warn("auth log not written: {}", e.toString());
            return Mono.just(Optional.empty());
        });
    }

    private Mono<RateLimit.Result> peek(String key, RateLimit limit) {
        RateLimit.Result open = new RateLimit.Result(true, 0, 1, Duration.ZERO);
        return limit == null ? Mono.just(open) : limiter.peek(key, limit).onErrorReturn(open);
    }

    private Mono<Void> hit(String key, RateLimit limit) {
        return limit == null ? Mono.empty() : limiter.hit(key, limit).then().onErrorResume(e -> Mono.empty());
    }

    private Mono<Void> reset(String key) {
        return limiter.reset(key).onErrorResume(e -> Mono.empty());
    }

    /**
     * The user name as the log line shows it: in double quotes, with {@code "} and {@code \} escaped by a
     * backslash and every control or non-ASCII character as {@code \\uXXXX}, cut at 256 characters; so a
     * name can never forge a second line or field.
     */
    public static String quote(String name) {
        StringBuilder sb = new StringBuilder(Math.min(name.length(), MAX_LOGGED_NAME) + 2).append('"');
        for (int i = 0; i < name.length() && i < MAX_LOGGED_NAME; i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (name.length() > MAX_LOGGED_NAME) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }

    /** One attempt's keys and what its auth log events share. */
    private static final class Attempt {
        final LoginRequest req;
        final RateLimit perUserAddress;
        final String userKey;
        final String addressKey;

        Attempt(LoginRequest req, RateLimit perUserAddress) {
            this.req = req;
            this.perUserAddress = perUserAddress;
            String name = req.username().toLowerCase(Locale.ROOT);
            if (name.length() > MAX_LOGGED_NAME) {
                name = Integer.toHexString(name.hashCode()) + ":" + name.substring(0, MAX_LOGGED_NAME);
            }
            this.userKey = "auth-fail:" + req.protocol() + ":" + req.ip() + ":" + name;
            this.addressKey = "auth-fail-ip:" + req.ip();
        }

        AuthEvent event(User user, LoginResult.Source source, AppPassword asp, String result, String reason,
                Duration retention) {
            Instant now = Instant.now();
            String name = req.username().length() > MAX_LOGGED_NAME ? req.username().substring(0, MAX_LOGGED_NAME)
                    : req.username();
            return new AuthEvent(null, user == null ? null : user.id(), name, "authentication", result,
                    req.protocol(), req.ip(), req.sess(), source == null ? null : source.logName(),
                    asp == null ? null : asp.id(), asp == null ? null : asp.description(), req.scope(), reason,
                    user == null ? null : user.enabled2fa(), now, now.plus(retention));
        }
    }
}
