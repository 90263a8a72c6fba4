package dev.gannet.delivery.rules;

import dev.gannet.core.coord.RateLimit;
import dev.gannet.core.coord.RateLimiter;
import dev.gannet.core.store.UserId;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * The daily forward limit (WildDuck's {@code forwards}): each forwarded message counts one hit on the
 * coordination {@link RateLimiter} (shared by every node with Redis), per user or per forwarded address, in a
 * one-day window; an own limit of 0 means {@code rules.forwardsPerDay}. A message over the limit is not
 * forwarded. A delivery retried by the MTA after a temporary failure counts again.
 */
public final class ForwardLimit {

    private static final Duration DAY = Duration.ofDays(1);

    private final RateLimiter limiter;
    private final int defaultPerDay;

    public ForwardLimit(RateLimiter limiter, int defaultPerDay) {
        this.limiter = limiter;
        this.defaultPerDay = defaultPerDay;
    }

    /** Counts one forward of the user's; emits whether it is within the limit. */
    public Mono<Boolean> user(UserId user, long own) {
        return hit("forwards:user:" + user.value(), own);
    }

    /** Counts one forward through a forwarded address (by its id); emits whether it is within the limit. */
    public Mono<Boolean> address(String forwardedId, long own) {
        return hit("forwards:address:" + forwardedId, own);
    }

    private Mono<Boolean> hit(String key, long own) {
        int limit = own > 0 ? (int) Math.min(Integer.MAX_VALUE, own) : defaultPerDay;
        return limiter.hit(key, new RateLimit(limit, DAY)).map(RateLimit.Result::allowed);
    }
}
