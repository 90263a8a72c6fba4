package dev.gannet.delivery.rules;

import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * The user's forwarding targets as {@code redirect :copy} per target, origin FORWARDING. Each delivery with
 * targets counts one forward against the user's daily limit ({@link ForwardLimit}); over it, no script is given
 * (the message is only stored) and the skipped forward is logged.
 */
public final class ForwardingRules implements RuleSource {

    private static final Logger log = LoggerFactory.getLogger(ForwardingRules.class);

    private final MailStore store;
    private final ForwardLimit limit;

    public ForwardingRules(MailStore store, ForwardLimit limit) {
        this.store = store;
        this.limit = limit;
    }

    @Override
    public Flux<RuleScript> scripts(User user) {
        return store.forwarding().user(user.id()).filter(f -> !f.targets().isEmpty())
                .flatMap(f -> limit.user(user.id(), f.forwards()).flatMap(allowed -> {
                    if (!allowed) {
                        log.warn("forward user={} not queued: over the daily forward limit", user.id());
                        return reactor.core.publisher.Mono.empty();
                    }
                    return reactor.core.publisher.Mono.just(new RuleScript(RuleScript.Origin.FORWARDING, "forwarding",
                            ForwardingCompiler.compile(f.targets())));
                }))
                .flux();
    }
}
