package dev.gannet.api.auth;

import dev.gannet.api.Access;
import dev.gannet.api.ApiException;
import dev.gannet.api.Call;
import dev.gannet.api.Principal;
import dev.gannet.api.Route;
import dev.gannet.core.store.User;
import dev.gannet.core.store.UserId;
import dev.gannet.core.store.UserStore;
import io.javalin.http.Context;

import io.javalin.http.HandlerType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Decides who a request comes from and whether that caller may use the route: the token is read from
 * {@code X-Access-Token}, {@code Authorization: Bearer} or the {@code accessToken} query parameter (as
 * WildDuck, for EventSource clients that cannot set headers). Without a configured root token the API is
 * bound to loopback and a request without a token is root. Operators may have tokens of their own
 * ({@code api.operatorTokens}, kept as SHA-256 hashes), each root or read-only (GET routes only). A user token of a deleted or disabled user
 * stops working at once. A token still waiting for its second factor reaches only the routes marked
 * {@link Route.Builder#beforeSecondFactor}. Denials are 401 (no or bad token) or 403 (valid token, not allowed
 * here).
 */
public final class Authenticator {

    /** An operator token of {@code api.operatorTokens}: its name, whether it may only read, its SHA-256. */
    record Operator(String name, boolean readOnly, byte[] sha256) {
        @Override
        public String toString() {
            return "Operator[" + name + (readOnly ? ", read-only" : ", root") + "]";
        }
    }

    private final byte[] rootToken;
    private final List<Operator> operators;
    private final TokenStore tokens;
    private final UserStore users;

    public Authenticator(String rootToken, TokenStore tokens, UserStore users) {
        this(rootToken, List.of(), tokens, users);
    }

    public Authenticator(String rootToken, List<String> operatorTokens, TokenStore tokens, UserStore users) {
        this.rootToken = rootToken.isEmpty() ? null : rootToken.getBytes(StandardCharsets.UTF_8);
        this.operators = operatorTokens.stream().map(Authenticator::operator).toList();
        this.tokens = tokens;
        this.users = users;
    }

    /**
     * Parses one {@code name:role:sha256:<hex>} entry; a malformed one stops startup naming the setting (the
     * message never repeats the entry, which holds a hash of a secret).
     */
    static Operator operator(String entry) {
        String[] parts = entry.split(":", -1);
        if (parts.length != 4 || parts[0].isBlank() || !parts[2].equals("sha256") || !parts[3].matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("api.operatorTokens: each entry is \"name:role:sha256:<64 hex digits>\"");
        }
        boolean readOnly = switch (parts[1]) {
            case "root" -> false;
            case "read-only" -> true;
            default -> throw new IllegalArgumentException("api.operatorTokens: role of " + parts[0]
                    + " must be root or read-only");
        };
        return new Operator(parts[0], readOnly, HexFormat.of().parseHex(parts[3].toLowerCase(java.util.Locale.ROOT)));
    }

    /** True if any token opens the API beyond loopback ({@code api.accessToken} or an operator token). */
    public boolean open() {
        return rootToken != null || !operators.isEmpty();
    }

    public Principal authenticate(Context ctx, Route route) {
        Access access = route.access();
        if (access == Access.PUBLIC) {
            return null;
        }
        Principal p = principal(ctx);
        if (p.readOnly() && route.method() != HandlerType.GET) {
            throw ApiException.forbidden("operator token " + p.operator() + " is read-only");
        }
        if (p.pendingSecondFactor() && !route.beforeSecondFactor()) {
            throw ApiException.forbidden("this token needs the second factor first");
        }
        if (!p.root() && p.user() != null && !"master".equals(p.scope()) && !route.anyScope()) {
            throw ApiException.forbidden("a token of scope " + p.scope() + " reaches no API resource (ask for scope master)");
        }
        switch (access) {
            case ROOT:
                if (!p.root()) {
                    throw ApiException.forbidden("this needs the root access token");
                }
                break;
            case OWNER:
                if (!p.root() && !p.user().value().equals(ctx.pathParam("user"))) {
                    throw ApiException.forbidden("this token is not allowed to access this user");
                }
                break;
            default:
                break;
        }
        return p;
    }

    private Principal principal(Context ctx) {
        String token = token(ctx);
        if (token == null) {
            if (!open()) {
                return Principal.ROOT;
            }
            throw ApiException.unauthorized("an access token is required");
        }
        if (rootToken != null && MessageDigest.isEqual(rootToken, token.getBytes(StandardCharsets.UTF_8))) {
            return Principal.ROOT;
        }
        String hash = TokenStore.hash(token);
        byte[] digest = HexFormat.of().parseHex(hash);
        for (Operator o : operators) {
            if (MessageDigest.isEqual(o.sha256(), digest)) {
                return Principal.operator(o.name(), o.readOnly());
            }
        }
        TokenStore.TokenInfo info = tokens.info(hash).onErrorResume(e -> reactor.core.publisher.Mono.empty())
                .blockOptional(java.time.Duration.ofSeconds(30)).orElse(null);
        if (info == null) {
            throw ApiException.unauthorized("the access token is invalid or expired");
        }
        UserId id = info.user();
        User user = users.get(id).blockOptional(java.time.Duration.ofSeconds(30)).orElse(null);
        if (user == null || user.disabled()) {
            throw ApiException.unauthorized("the access token is invalid or expired");
        }
        return Principal.user(id, hash, info.scope(), info.pendingSecondFactor());
    }

    static String token(Context ctx) {
        String t = ctx.header("X-Access-Token");
        if (t == null || t.isBlank()) {
            String auth = ctx.header("Authorization");
            if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                t = auth.substring(7).strip();
            }
        }
        if (t == null || t.isBlank()) {
            t = ctx.queryParam("accessToken");
        }
        return t == null || t.isBlank() ? null : t.strip();
    }

    /** For handlers that only need to know a call is a user's, not root's. */
    public static void requireRoot(Call call, String what) {
        if (!call.principal().root()) {
            throw ApiException.forbidden(what + " needs the root access token");
        }
    }
}
