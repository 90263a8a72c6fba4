package dev.gannet.core.coord.internal;

import dev.gannet.core.coord.KeyValueCache;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import java.time.Duration;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * The cache shared by every node, as plain Redis strings with PX expiry: one round trip per call, and
 * values of a few hundred KB are well within what Redis moves comfortably.
 */
final class RedisKeyValueCache implements KeyValueCache {

    private final RedisReactiveCommands<String, byte[]> redis;

    RedisKeyValueCache(RedisReactiveCommands<String, byte[]> redis) {
        this.redis = redis;
    }

    @Override
    public Mono<byte[]> get(String key) {
        Objects.requireNonNull(key, "key");
        return redis.get(RedisKeys.CACHE + key);
    }

    @Override
    public Mono<Void> set(String key, byte[] value, Duration ttl) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Ttls.require(ttl, "cache ttl");
        return redis.set(RedisKeys.CACHE + key, value, SetArgs.Builder.px(ttl.toMillis())).then();
    }

    @Override
    public Mono<Boolean> delete(String key) {
        Objects.requireNonNull(key, "key");
        return redis.del(RedisKeys.CACHE + key).map(n -> n > 0);
    }
}
