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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Decides who a request comes from and whether that caller may use the route: the token is read from
 * {@code X-Access-Token}, {@code Authorization: Bearer} or the {@code accessToken} query parameter (as
 * WildDuck, for EventSource clients that cannot set headers). Without a configured root token the API is
 * bound to loopback and a request without a token is root. A user token of a deleted or disabled user
 * stops working at once. A token still waiting for its second factor reaches only the routes marked
 * {@link Route.Builder#beforeSecondFactor}. Denials are 401 (no or bad token) or 403 (valid token, not allowed
 * here).
 */
public final class Authenticator {

    private final byte[] rootToken;
    private final TokenStore tokens;
    private final UserStore users;

    public Authenticator(String rootToken, TokenStore tokens, UserStore users) {
        this.rootToken = rootToken.isEmpty() ? null : rootToken.getBytes(StandardCharsets.UTF_8);
        this.tokens = tokens;
        this.users = users;
    }

    public Principal authenticate(Context ctx, Route route) {
        Access access = route.access();
        if (access == Access.PUBLIC) {
            return null;
        }
        Principal p = principal(ctx);
        if (p.pendingSecondFactor() && !route.beforeSecondFactor()) {
            throw ApiException.forbidden("this token needs the second factor first");
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
            if (rootToken == null) {
                return Principal.ROOT;
            }
            throw ApiException.unauthorized("an access token is required");
        }
        if (rootToken != null && MessageDigest.isEqual(rootToken, token.getBytes(StandardCharsets.UTF_8))) {
            return Principal.ROOT;
        }
        String hash = TokenStore.hash(token);
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
