package dev.gannet.core.coord;

import java.time.Duration;
import java.util.Objects;

/**
 * A fixed-window limit: at most {@code limit} hits per {@code window}, the window starting at the first
 * hit. Fixed windows cost one counter per key on every backend; the burst they allow at a window edge
 * (up to twice the limit) is acceptable for auth-failure and delivery counters.
 */
public record RateLimit(int limit, Duration window) {

    public RateLimit {
        if (limit < 1) {
            throw new IllegalArgumentException("rate limit must be >= 1, was " + limit);
        }
        Objects.requireNonNull(window, "window");
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("rate window must be at least 1 ms, was " + window);
        }
    }

    /**
     * The state of one key: {@code count} hits so far in the current window, {@code remaining} hits
     * left before the limit, and, when not {@code allowed}, how long until the window ends
     * ({@code Duration.ZERO} when allowed). After a hit, {@code allowed} says whether that hit was
     * within the limit; after a peek, whether the next hit would be.
     */
    public record Result(boolean allowed, long count, long remaining, Duration retryAfter) {

        public Result {
            if (count < 0 || remaining < 0) {
                throw new IllegalArgumentException("count and remaining must be >= 0");
            }
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative");
            }
        }

        /** The result of the hit that made the count {@code count}, in a window with {@code ttl} left. */
        public static Result afterHit(RateLimit limit, long count, Duration ttl) {
            return of(count <= limit.limit(), limit, count, ttl);
        }

        /** The result of looking at a count of {@code count}: would one more hit be allowed? */
        public static Result beforeHit(RateLimit limit, long count, Duration ttl) {
            return of(count < limit.limit(), limit, count, ttl);
        }

        private static Result of(boolean allowed, RateLimit limit, long count, Duration ttl) {
            Duration left = ttl.isNegative() ? Duration.ZERO : ttl;
            return new Result(allowed, count, Math.max(0, limit.limit() - count), allowed ? Duration.ZERO : left);
        }
    }
}
