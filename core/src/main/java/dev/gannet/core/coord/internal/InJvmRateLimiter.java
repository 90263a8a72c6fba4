package dev.gannet.core.coord.internal;

import dev.gannet.core.coord.RateLimit;
import dev.gannet.core.coord.RateLimiter;
import java.time.Duration;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * Fixed-window counters for a single node, kept in an expiring map whose deadline is the end of the
 * window, mirroring the Redis INCR + PEXPIRE pair so both backends count the same way.
 */
final class InJvmRateLimiter implements RateLimiter {

    private final ExpiringMap<Long> counters = new ExpiringMap<>();

    @Override
    public Mono<RateLimit.Result> hit(String key, RateLimit limit) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(limit, "limit");
        return Mono.fromCallable(() -> {
            long[] now = new long[1];
            ExpiringMap.Entry<Long> entry = counters.compute(key, (old, t) -> {
                now[0] = t;
                return old == null
                        ? new ExpiringMap.Entry<>(1L, ExpiringMap.deadline(t, limit.window()))
                        : new ExpiringMap.Entry<>(old.value() + 1, old.deadline());
            });
            return RateLimit.Result.afterHit(limit, entry.value(), Duration.ofNanos(entry.remainingNanos(now[0])));
        });
    }

    @Override
    public Mono<RateLimit.Result> take(String key, int n, RateLimit limit) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(limit, "limit");
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, was " + n);
        }
        return Mono.fromCallable(() -> {
            long[] now = new long[1];
            boolean[] taken = new boolean[1];
            ExpiringMap.Entry<Long> entry = counters.compute(key, (old, t) -> {
                now[0] = t;
                long before = old == null ? 0 : old.value();
                taken[0] = before + n <= limit.limit();
                if (!taken[0]) {
                    return old;
                }
                return old == null
                        ? new ExpiringMap.Entry<>((long) n, ExpiringMap.deadline(t, limit.window()))
                        : new ExpiringMap.Entry<>(before + n, old.deadline());
            });
            long count = entry == null ? 0 : entry.value();
            Duration left = entry == null ? Duration.ZERO : Duration.ofNanos(entry.remainingNanos(now[0]));
            return taken(limit, taken[0], count, left);
        });
    }

    static RateLimit.Result taken(RateLimit limit, boolean taken, long count, Duration left) {
        Duration ttl = left.isNegative() ? Duration.ZERO : left;
        return new RateLimit.Result(taken, count, Math.max(0, limit.limit() - count), taken ? Duration.ZERO : ttl);
    }

    @Override
    public Mono<RateLimit.Result> peek(String key, RateLimit limit) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(limit, "limit");
        return Mono.fromCallable(() -> {
            long now = counters.now();
            ExpiringMap.Entry<Long> entry = counters.get(key);
            return entry == null
                    ? RateLimit.Result.beforeHit(limit, 0, Duration.ZERO)
                    : RateLimit.Result.beforeHit(limit, entry.value(), Duration.ofNanos(entry.remainingNanos(now)));
        });
    }

    @Override
    public Mono<Void> reset(String key) {
        Objects.requireNonNull(key, "key");
        return Mono.fromRunnable(() -> counters.remove(key));
    }
}
