package dev.gannet.delivery.rules;

import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.User;
import java.time.Clock;
import reactor.core.publisher.Flux;

/**
 * Every rule a user sets through WildDuck's API, as one {@link RuleSource} for LMTP delivery: their filters
 * (FILTERS), forwarding targets (FORWARDING) and autoreply (AUTOREPLY), in that order. The user's own Sieve
 * script (PERSONAL) comes from the SieveStore source beside it; the engine runs the scripts in origin order.
 */
public final class UserRules implements RuleSource {

    private final FilterRules filters;
    private final ForwardingRules forwarding;
    private final AutoreplyRules autoreply;

    public UserRules(MailStore store, GannetConfig config, Clock clock) {
        this.filters = new FilterRules(store);
        this.forwarding = new ForwardingRules(store);
        this.autoreply = new AutoreplyRules(store, clock, config.get(Settings.RULES_AUTOREPLY_DAYS));
    }

    public UserRules(MailStore store, GannetConfig config) {
        this(store, config, Clock.systemUTC());
    }

    @Override
    public Flux<RuleScript> scripts(User user) {
        return Flux.concat(filters.scripts(user), forwarding.scripts(user), autoreply.scripts(user));
    }
}
