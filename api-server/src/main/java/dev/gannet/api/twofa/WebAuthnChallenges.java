package dev.gannet.api.twofa;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gannet.api.Json;
import dev.gannet.core.coord.KeyValueCache;
import dev.gannet.core.store.UserId;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.time.Duration;

/**
 * Outstanding WebAuthn challenges, in the coordination cache (in-JVM, or Redis shared by every node) under a key
 * naming the user, the ceremony and the challenge, for a short time. A challenge is taken by deleting its key: only
 * the caller whose delete removed it gets it, so a challenge answers one ceremony even when requests race. The
 * cache may lose a challenge (eviction, a restart); the client then asks for a new one.
 */
final class WebAuthnChallenges {

    enum Ceremony {
        REGISTRATION("reg"), AUTHENTICATION("auth");

        private final String key;

        Ceremony(String key) {
            this.key = key;
        }
    }

    /** What the challenge was issued for: the library's request (JSON) and the parts of the client's request. */
    record Pending(String request, String origin, String rpId, String description, String authenticatorAttachment) {
    }

    private static final String PREFIX = "webauthn:challenge:";
    private final KeyValueCache cache;
    private final Duration ttl;

    WebAuthnChallenges(KeyValueCache cache, Duration ttl) {
        this.cache = cache;
        this.ttl = ttl;
    }

    Duration ttl() {
        return ttl;
    }

    Mono<Void> put(UserId user, Ceremony ceremony, String challengeHex, Pending pending) {
        try {
            return cache.set(key(user, ceremony, challengeHex), Json.MAPPER.writeValueAsBytes(pending), ttl);
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
    }

    /** The pending challenge, taken for good by this call; empty if unknown, expired, or another call took it. */
    Mono<Pending> take(UserId user, Ceremony ceremony, String challengeHex) {
        String key = key(user, ceremony, challengeHex);
        return cache.get(key).flatMap(bytes -> cache.delete(key).filter(Boolean::booleanValue).map(taken -> {
            try {
                return Json.MAPPER.readValue(bytes, Pending.class);
            } catch (IOException e) {
                throw new IllegalStateException("unreadable WebAuthn challenge", e);
            }
        }));
    }

    private static String key(UserId user, Ceremony ceremony, String challengeHex) {
        return PREFIX + ceremony.key + ":" + user.value() + ":" + challengeHex;
    }
}
