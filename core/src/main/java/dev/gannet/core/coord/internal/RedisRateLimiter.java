package dev.gannet.core.coord.internal;

import dev.gannet.core.coord.RateLimit;
import dev.gannet.core.coord.RateLimiter;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Fixed-window counters shared by every node. INCR and the PEXPIRE that starts the window run in one
 * Lua script, so a crash between them cannot leave a counter that never expires (which would lock a
 * user out for good).
 */
final class RedisRateLimiter implements RateLimiter {

    private final RedisReactiveCommands<String, byte[]> redis;

    RedisRateLimiter(RedisReactiveCommands<String, byte[]> redis) {
        this.redis = redis;
    }

    @Override
    public Mono<RateLimit.Result> hit(String key, RateLimit limit) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(limit, "limit");
        byte[] window = Long.toString(limit.window().toMillis()).getBytes(StandardCharsets.US_ASCII);
        return result(redis.eval(RedisKeys.HIT, ScriptOutputType.MULTI, new String[] {RedisKeys.RATE + key}, window),
                limit, true);
    }

    @Override
    public Mono<RateLimit.Result> take(String key, int n, RateLimit limit) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(limit, "limit");
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, was " + n);
        }
        byte[][] args = {Long.toString(limit.window().toMillis()).getBytes(StandardCharsets.US_ASCII),
                Integer.toString(n).getBytes(StandardCharsets.US_ASCII),
                Integer.toString(limit.limit()).getBytes(StandardCharsets.US_ASCII)};
        return redis.eval(RedisKeys.TAKE, ScriptOutputType.MULTI, new String[] {RedisKeys.RATE + key}, args)
                .collectList().map(items -> {
                    List<Object> flat = new ArrayList<>();
                    for (Object item : items) {
                        if (item instanceof List<?> nested) {
                            flat.addAll(nested);
                        } else {
                            flat.add(item);
                        }
                    }
                    if (flat.size() != 3) {
                        throw new IllegalStateException("unexpected rate-limit script reply " + flat);
                    }
                    boolean taken = ((Number) flat.get(0)).longValue() == 1;
                    long count = ((Number) flat.get(1)).longValue();
                    Duration left = Duration.ofMillis(Math.max(0, ((Number) flat.get(2)).longValue()));
                    return InJvmRateLimiter.taken(limit, taken, count, left);
                });
    }

    @Override
    public Mono<RateLimit.Result> peek(String key, RateLimit limit) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(limit, "limit");
        return result(redis.eval(RedisKeys.PEEK, ScriptOutputType.MULTI, new String[] {RedisKeys.RATE + key}), limit, false);
    }

    @Override
    public Mono<Void> reset(String key) {
        Objects.requireNonNull(key, "key");
        return redis.del(RedisKeys.RATE + key).then();
    }

    /** The scripts answer {count, ttl ms}; Lettuce may hand the array over whole or element by element. */
    private static Mono<RateLimit.Result> result(Flux<Object> reply, RateLimit limit, boolean hit) {
        return reply.collectList().map(items -> {
            List<Object> flat = new ArrayList<>();
            for (Object item : items) {
                if (item instanceof List<?> nested) {
                    flat.addAll(nested);
                } else {
                    flat.add(item);
                }
            }
            if (flat.size() != 2) {
                throw new IllegalStateException("unexpected rate-limit script reply " + flat);
            }
            long count = ((Number) flat.get(0)).longValue();
            long ttl = ((Number) flat.get(1)).longValue();
            Duration left = Duration.ofMillis(Math.max(0, ttl));
            return hit ? RateLimit.Result.afterHit(limit, count, left) : RateLimit.Result.beforeHit(limit, count, left);
        });
    }
}
