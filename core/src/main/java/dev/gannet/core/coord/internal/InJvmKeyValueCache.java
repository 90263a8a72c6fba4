package dev.gannet.core.coord.internal;

import dev.gannet.core.coord.KeyValueCache;
import java.time.Duration;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * The cache for a single node. Values are copied in and out, so a caller that reuses its array cannot
 * change what another caller reads; the copy of a few hundred KB costs far less than the store read it
 * saves.
 */
final class InJvmKeyValueCache implements KeyValueCache {

    private final ExpiringMap<byte[]> entries = new ExpiringMap<>();

    @Override
    public Mono<byte[]> get(String key) {
        Objects.requireNonNull(key, "key");
        return Mono.fromSupplier(() -> {
            ExpiringMap.Entry<byte[]> entry = entries.get(key);
            return entry == null ? null : entry.value().clone();
        });
    }

    @Override
    public Mono<Void> set(String key, byte[] value, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Ttls.require(ttl, "cache ttl");
        byte[] copy = value.clone();
        return Mono.fromRunnable(() -> entries.put(key, copy, ttl));
    }

    @Override
    public Mono<Boolean> delete(String key) {
        Objects.requireNonNull(key, "key");
        return Mono.fromCallable(() -> entries.remove(key));
    }
}
