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
 * does not leak usable tokens. The cache may lose an entry (Redis eviction or restart of a single node):
 * the client then gets a 401 and authenticates again, which is the safe direction to fail.
 */
public final class TokenStore {

    private static final String PREFIX = "api:token:";
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
        byte[] b = new byte[32];
        random.nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        return cache.setString(PREFIX + hash(token), user.value(), ttl).thenReturn(token);
    }

    /** The user a token belongs to, by the token's hash; empty if unknown, expired or revoked. */
    public Mono<UserId> lookup(String tokenHash) {
        return cache.getString(PREFIX + tokenHash).map(UserId::new);
    }

    public Mono<Boolean> revoke(String tokenHash) {
        return cache.delete(PREFIX + tokenHash);
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
