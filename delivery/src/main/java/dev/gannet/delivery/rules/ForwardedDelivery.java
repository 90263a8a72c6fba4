package dev.gannet.delivery.rules;

import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.ForwardingStore.UserForwarding;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.OutboundQueue;
import dev.gannet.core.store.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Mail for a forwarded address (WildDuck's {@code /addresses/forwarded}): one FORWARD on the outbound queue per
 * message, to all its targets, with the bytes as they came and the envelope sender as it came (the outbound sender
 * rewrites it with SRS). Nothing is queued when forwarding is disabled on the address or its daily limit is spent;
 * both are logged. The queue write completes before the delivery is acknowledged.
 */
public final class ForwardedDelivery {

    private static final Logger log = LoggerFactory.getLogger(ForwardedDelivery.class);

    /** What became of one message. */
    public enum Outcome { QUEUED, DISABLED, OVER_LIMIT, GONE }

    private final MailStore store;
    private final ForwardLimit limit;

    public ForwardedDelivery(MailStore store, ForwardLimit limit) {
        this.store = store;
        this.limit = limit;
    }

    /**
     * Counts one forward of the user's (a Sieve or filter {@code redirect}, or the user's forwarding targets) against
     * the user's daily limit; emits whether it is within it. Counted once per delivered message, before anything is
     * queued.
     */
    public Mono<Boolean> userMayForward(UserId user) {
        return store.forwarding().user(user).map(UserForwarding::forwards).defaultIfEmpty(0L)
                .flatMap(own -> limit.user(user, own));
    }

    public Mono<Outcome> forward(EmailAddress forwarded, String envelopeFrom, MessageSource original, String origin) {
        return store.forwarding().byAddress(forwarded).flatMap(a -> {
            if (a.forwardedDisabled() || a.targets().isEmpty()) {
                log.info("forward address={} not queued: forwarding is disabled", a.address());
                return Mono.just(Outcome.DISABLED);
            }
            return limit.address(a.id(), a.forwards()).flatMap(allowed -> {
                if (!allowed) {
                    log.warn("forward address={} not queued: over the daily forward limit", a.address());
                    return Mono.just(Outcome.OVER_LIMIT);
                }
                return store.outbound().enqueue(new OutboundQueue.Request(null, OutboundQueue.Kind.FORWARD, envelopeFrom,
                        a.targets(), original, origin)).map(id -> {
                            log.info("forward address={} queued id={} targets={}", a.address(), id, a.targets().size());
                            return Outcome.QUEUED;
                        });
            });
        }).defaultIfEmpty(Outcome.GONE);
    }
}
