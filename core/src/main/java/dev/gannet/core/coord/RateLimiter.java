package dev.gannet.core.coord;

import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Counters shared by all nodes for auth failures and per-user delivery rates. A hit beyond the limit
 * is still counted but does not extend the window, so a client that keeps hammering is let in again
 * when the window ends rather than never.
 */
public interface RateLimiter {

    /** Counts one hit on {@code key} and reports whether it was within the limit. */
    Mono<RateLimit.Result> hit(String key, RateLimit limit);

    default Mono<RateLimit.Result> hit(String key, int limit, Duration window) {
        return hit(key, new RateLimit(limit, window));
    }

    /**
     * Counts {@code n} hits on {@code key} only if they all fit within the limit, and none when they do not (a
     * daily recipient allowance: a message to more recipients than are left is refused and takes nothing).
     * {@code allowed} says whether they were counted; {@code count} is the count after the call.
     */
    Mono<RateLimit.Result> take(String key, int n, RateLimit limit);

    /** Reports, without counting, whether a hit on {@code key} would now be allowed ("is this login blocked?"). */
    Mono<RateLimit.Result> peek(String key, RateLimit limit);

    /** Forgets {@code key}'s count (a successful login clears its failures). */
    Mono<Void> reset(String key);
}
