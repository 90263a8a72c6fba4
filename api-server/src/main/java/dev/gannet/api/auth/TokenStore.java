package dev.gannet.api.auth;

import dev.gannet.core.coord.KeyValueCache;
import dev.gannet.core.store.UserId;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

/**
 * User tokens, kept server-side in the coordination cache (in-JVM, or Redis shared by every node) under
 * the SHA-256 of the token with the configured lifetime as TTL, so a token is revocable and a leaked cache
 * does not leak usable tokens. Each token also names its user's current token generation, a random value
 * under its own key: {@link #revokeAll} replaces it, which invalidates every token of that user at once
 * (a password change). The cache may lose an entry (Redis eviction or restart of a single node): a lost
 * token or generation makes the client's tokens fail with 401 until it authenticates again, which is the
 * safe direction to fail.
 */
public final class TokenStore {

    private static final String PREFIX = "api:token:";
    private static final String GENERATION = "api:tokengen:";
    private final SecureRandom random = new SecureRandom();
    private final KeyValueCache cache;
    private final Duration ttl;

    public TokenStore(KeyValueCache cache, Duration ttl) {
        this.cache = cache;
        this.ttl = ttl;
    }

    public Duration ttl() {
        return ttl;
    }

    /** A new token for {@code user}; the caller hands it to the client and forgets it. */
    public Mono<String> issue(UserId user) {
        String token = random();
        return generation(user)
                .switchIfEmpty(Mono.defer(() -> {
                    String g = random();
                    return cache.setString(GENERATION + user.value(), g, ttl).thenReturn(g);
                }))
                // keep the generation at least as long as the token it validates
                .flatMap(g -> cache.setString(GENERATION + user.value(), g, ttl)
                        .then(cache.setString(PREFIX + hash(token), user.value() + ":" + g, ttl)))
                .thenReturn(token);
    }

    /** The user a token belongs to, by the token's hash; empty if unknown, expired or revoked. */
    public Mono<UserId> lookup(String tokenHash) {
        return cache.getString(PREFIX + tokenHash).flatMap(v -> {
            int colon = v.indexOf(':');
            if (colon < 0) {
                return Mono.empty();
            }
            UserId user = new UserId(v.substring(0, colon));
            String gen = v.substring(colon + 1);
            return generation(user).filter(gen::equals).map(g -> user);
        });
    }

    public Mono<Boolean> revoke(String tokenHash) {
        return cache.delete(PREFIX + tokenHash);
    }

    /** Invalidates every token of {@code user} issued so far. */
    public Mono<Void> revokeAll(UserId user) {
        return cache.setString(GENERATION + user.value(), random(), ttl);
    }

    private Mono<String> generation(UserId user) {
        return cache.getString(GENERATION + user.value());
    }

    private String random() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static String hash(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
