package dev.gannet.delivery.rules;

import dev.gannet.core.store.SieveStore;
import dev.gannet.core.store.User;
import reactor.core.publisher.Flux;

/** The user's active ManageSieve script (RFC 5804 §1.7), run as {@link RuleScript.Origin#PERSONAL}. */
public final class PersonalScript implements RuleSource {

    private final SieveStore sieve;

    public PersonalScript(SieveStore sieve) {
        this.sieve = sieve;
    }

    @Override
    public Flux<RuleScript> scripts(User user) {
        return sieve.active(user.id()).map(s -> new RuleScript(RuleScript.Origin.PERSONAL, s.name(), s.source())).flux();
    }
}
