package dev.gannet.core.coord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * A shared cache with a time to live per entry, for address and user lookups and mailbox UID lists
 * (values up to a few hundred KB). It is only ever a copy: every value can be rebuilt from the store,
 * so callers must tolerate a miss at any time. Byte arrays are copied in and out by the in-JVM cache.
 */
public interface KeyValueCache {

    /** Emits the value, or completes empty if absent or expired. */
    Mono<byte[]> get(String key);

    /** Stores the value for {@code ttl} (at least 1 ms), replacing any value and ttl before. */
    Mono<Void> set(String key, byte[] value, Duration ttl);

    /** Removes the key; emits whether it was there. */
    Mono<Boolean> delete(String key);

    default Mono<String> getString(String key) {
        return get(key).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    default Mono<Void> setString(String key, String value, Duration ttl) {
        return set(key, value.getBytes(StandardCharsets.UTF_8), ttl);
    }

    /**
     * Emits the cached value, or subscribes to {@code loader}, caches what it emits for {@code ttl} and
     * emits that. Concurrent misses may each load; an empty loader caches nothing. A cache that fails
     * behaves as a miss, so a lookup never fails because the cache did; the loader's errors pass through.
     */
    default Mono<byte[]> getOrLoad(String key, Duration ttl, Mono<byte[]> loader) {
        return get(key).onErrorResume(e -> Mono.empty())
                .switchIfEmpty(Mono.defer(() -> loader.flatMap(
                        v -> set(key, v, ttl).onErrorResume(e -> Mono.empty()).thenReturn(v))));
    }
}
