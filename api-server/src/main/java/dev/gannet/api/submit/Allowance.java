package dev.gannet.api.submit;

import dev.gannet.api.ApiException;
import dev.gannet.core.coord.RateLimit;
import dev.gannet.core.coord.RateLimiter;
import dev.gannet.core.store.UserStore;
import dev.gannet.core.store.UserId;
import java.time.Duration;

/**
 * A user's daily recipient allowance for mail sent through the API (WildDuck's {@code recipients}): the user's own
 * limit, or {@code submit.recipientsPerDay}, over a fixed 24-hour window that starts at the first recipient counted.
 * A message is counted whole with {@link RateLimiter#take}, so one that would exceed the allowance takes nothing.
 */
public final class Allowance {

    static final Duration DAY = Duration.ofHours(24);

    /** The allowance as {@code GET /users/{user}} shows it under {@code limits.recipients}. */
    public record Recipients(long allowed, long used, Long ttl) {
    }

    private final UserStore users;
    private final RateLimiter limiter;
    private final int defaultLimit;

    public Allowance(UserStore users, RateLimiter limiter, int defaultLimit) {
        this.users = users;
        this.limiter = limiter;
        this.defaultLimit = defaultLimit;
    }

    private static String key(UserId user) {
        return "submit-rcpt:" + user.value();
    }

    public int limit(UserId user) {
        Integer own = users.recipientLimit(user).block(Duration.ofSeconds(30));
        return own == null || own <= 0 ? defaultLimit : own;
    }

    /** Counts {@code n} recipients; 403 RateLimitedError, with nothing counted, when they do not fit. */
    void take(UserId user, int n) {
        RateLimit.Result r = limiter.take(key(user), n, new RateLimit(limit(user), DAY)).block(Duration.ofSeconds(30));
        if (r == null || !r.allowed()) {
            throw new ApiException(403, "RateLimitedError", "You reached a daily sending limit for your account");
        }
    }

    public Recipients show(UserId user) {
        RateLimit limit = new RateLimit(limit(user), DAY);
        RateLimit.Result r = limiter.peek(key(user), limit).block(Duration.ofSeconds(30));
        long used = r == null ? 0 : r.count();
        return new Recipients(limit.limit(), used, r == null || r.retryAfter().isZero() ? null : r.retryAfter().toSeconds());
    }
}
