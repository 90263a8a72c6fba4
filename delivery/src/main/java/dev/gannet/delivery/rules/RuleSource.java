package dev.gannet.delivery.rules;

import dev.gannet.core.store.User;
import reactor.core.publisher.Flux;

/**
 * Supplies Sieve scripts for a user at delivery: one source per kind of rule (filters, the personal script,
 * forwarding, autoreply). A source that has nothing for the user emits nothing.
 */
@FunctionalInterface
public interface RuleSource {

    Flux<RuleScript> scripts(User user);
}
