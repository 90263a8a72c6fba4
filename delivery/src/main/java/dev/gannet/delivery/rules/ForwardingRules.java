package dev.gannet.delivery.rules;

import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.User;
import reactor.core.publisher.Flux;

/**
 * The user's forwarding targets as {@code redirect :copy} per target, origin FORWARDING. The daily forward limit
 * ({@link ForwardLimit}) is not counted here but by delivery, once per message for all of its redirects, whichever
 * script asked for them.
 */
public final class ForwardingRules implements RuleSource {

    private final MailStore store;
    public ForwardingRules(MailStore store) {
        this.store = store;
    }

    @Override
    public Flux<RuleScript> scripts(User user) {
        return store.forwarding().user(user.id()).filter(f -> !f.targets().isEmpty())
                .map(f -> new RuleScript(RuleScript.Origin.FORWARDING, "forwarding", ForwardingCompiler.compile(f.targets())))
                .flux();
    }
}
