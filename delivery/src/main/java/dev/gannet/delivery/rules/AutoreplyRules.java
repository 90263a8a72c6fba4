package dev.gannet.delivery.rules;

import dev.gannet.core.store.AddressEntry;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.User;
import java.time.Clock;
import java.util.Comparator;
import reactor.core.publisher.Flux;

/**
 * The user's autoreply as a {@code vacation} script, origin AUTOREPLY, only while it is on: status true and the
 * delivery's time within start and end. The reply comes from the user's main address.
 */
public final class AutoreplyRules implements RuleSource {

    private final MailStore store;
    private final Clock clock;
    private final int days;

    public AutoreplyRules(MailStore store, Clock clock, int days) {
        this.store = store;
        this.clock = clock;
        this.days = days;
    }

    @Override
    public Flux<RuleScript> scripts(User user) {
        return store.autoreplies().get(user.id()).filter(a -> a.activeAt(clock.instant()))
                .flatMap(a -> store.addresses().byUser(user.id())
                        .sort(Comparator.comparing((AddressEntry e) -> !e.main()))
                        .filter(e -> !e.address().isWildcard())
                        .map(e -> e.address().toString()).collectList()
                        .map(addresses -> new RuleScript(RuleScript.Origin.AUTOREPLY, "autoreply",
                                AutoreplyCompiler.compile(a, days, addresses.isEmpty() ? null : addresses.get(0), addresses))))
                .flux();
    }
}
