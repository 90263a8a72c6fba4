package dev.gannet.api.forwarding;

import dev.gannet.api.Call;
import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import dev.gannet.core.coord.RateLimit;
import dev.gannet.core.coord.RateLimiter;
import dev.gannet.core.store.ForwardingStore;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.UserId;
import java.time.Duration;
import java.util.List;

/**
 * A user's forwarding as WildDuck's user fields carry it: {@code targets} (on POST /users, PUT /users/{user} and
 * in GET /users/{user}) and {@code forwards}, the daily limit (root only to change), shown with today's count as
 * {@code limits.forwards}. Delivery forwards a copy to every target and still stores the message, as WildDuck does.
 */
public final class UserTargets {

    private final MailStore store;
    private final RateLimiter limiter;
    private final int defaultForwards;

    public UserTargets(MailStore store, RateLimiter limiter, GannetConfig config) {
        this.store = store;
        this.limiter = limiter;
        this.defaultForwards = config.get(Settings.RULES_FORWARDS_PER_DAY);
    }

    /** Checks both fields before anything is written; 400 naming the field. */
    public void check(List<String> targets, Long forwards) {
        ForwardingInput.targets(targets, "targets");
        ForwardingInput.forwards(forwards, "forwards");
    }

    public void apply(UserId user, List<String> targets, Long forwards) {
        List<String> t = ForwardingInput.targets(targets, "targets");
        Long f = ForwardingInput.forwards(forwards, "forwards");
        if (t != null || f != null) {
            Call.run(store.forwarding().setUser(user, t, f));
        }
    }

    /** The user's targets and limit; none when the user is gone. */
    public ForwardingStore.UserForwarding of(UserId user) {
        return store.forwarding().user(user).blockOptional().orElse(new ForwardingStore.UserForwarding(List.of(), 0));
    }

    /** {allowed, used today, window in seconds}. */
    public long[] forwards(UserId user, ForwardingStore.UserForwarding f) {
        long allowed = f.forwards() > 0 ? f.forwards() : defaultForwards;
        RateLimit.Result r = limiter.peek("forwards:user:" + user.value(),
                new RateLimit((int) Math.min(Integer.MAX_VALUE, allowed), Duration.ofDays(1))).block();
        return new long[] {allowed, r == null ? 0 : r.count(), 86_400};
    }
}
