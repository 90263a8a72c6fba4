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
 * safe direction to fail. A token also carries its scope and whether it was issued before a second factor
 * was checked; passing the second factor sets a mark under a key of its own.
 */
public final class TokenStore {

    private static final String PREFIX = "api:token:";
    private static final String GENERATION = "api:tokengen:";
    private static final String SECOND_FACTOR = "api:token2fa:";
    private static final String PENDING = "2fa";
    private static final String FULL = "ok";
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

    /** What a token is good for: its user, its scope and whether it still waits for a second factor. */
    public record TokenInfo(UserId user, String scope, boolean pendingSecondFactor) {
    }

    /** A new master-scope token for {@code user}; the caller hands it to the client and forgets it. */
    public Mono<String> issue(UserId user) {
        return issue(user, "master", false);
    }

    /**
     * A new token for {@code user} with {@code scope} (WildDuck's {@code master}, {@code imap}, {@code pop3},
     * {@code smtp}). A token issued with {@code pendingSecondFactor} is good only on routes that take one
     * ({@link dev.gannet.api.Route.Builder#beforeSecondFactor}) until {@link #completeSecondFactor} is called with
     * its hash.
     */
    public Mono<String> issue(UserId user, String scope, boolean pendingSecondFactor) {
        String token = random();
        String value = user.value() + ":%s:" + scope + ":" + (pendingSecondFactor ? PENDING : FULL);
        return generation(user)
                .switchIfEmpty(Mono.defer(() -> {
                    String g = random();
                    return cache.setString(GENERATION + user.value(), g, ttl).thenReturn(g);
                }))
                // keep the generation at least as long as the token it validates
                .flatMap(g -> cache.setString(GENERATION + user.value(), g, ttl)
                        .then(cache.setString(PREFIX + hash(token), String.format(value, g), ttl)))
                .thenReturn(token);
    }

    /** The user a token belongs to, by the token's hash; empty if unknown, expired or revoked. */
    public Mono<UserId> lookup(String tokenHash) {
        return info(tokenHash).map(TokenInfo::user);
    }

    /** What a token is good for, by the token's hash; empty if unknown, expired or revoked. */
    public Mono<TokenInfo> info(String tokenHash) {
        return cache.getString(PREFIX + tokenHash).flatMap(v -> {
            String[] parts = v.split(":", 4);
            if (parts.length < 2) {
                return Mono.empty();
            }
            UserId user = new UserId(parts[0]);
            String gen = parts[1];
            // a token of an older Gannet (user:generation) is a full master token
            String scope = parts.length == 4 ? parts[2] : "master";
            boolean pending = parts.length == 4 && PENDING.equals(parts[3]);
            Mono<Boolean> passed = pending ? cache.get(SECOND_FACTOR + tokenHash).hasElement() : Mono.just(true);
            return generation(user).filter(gen::equals)
                    .flatMap(g -> passed.map(ok -> new TokenInfo(user, scope, !ok)));
        });
    }

    /**
     * Marks the token with {@code tokenHash} as having passed its second factor, for the rest of its lifetime.
     * The mark is a key of its own, so it never brings back a token revoked meanwhile.
     */
    public Mono<Void> completeSecondFactor(String tokenHash) {
        return cache.setString(SECOND_FACTOR + tokenHash, FULL, ttl);
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
