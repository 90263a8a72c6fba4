package dev.gannet.core.store.internal;

import reactor.core.publisher.Mono;

/**
 * How the store rings "mailbox M of user U changed up to N" after a journal write. The launcher adapts
 * the coordination layer's ChangeNotifier to this; the store never waits for or depends on delivery.
 * User-level events (mailbox list changes) ring with mailbox id {@link #USER_STREAM}.
 */
@FunctionalInterface
public interface Bell {

    /** The pseudo mailbox id for a user's mailbox-list journal. */
    String USER_STREAM = "user";

    Mono<Void> ring(String userId, String mailboxId, long modseq);

    /** Rings through the coordination layer (in-JVM bus or Redis pub/sub). */
    static Bell of(dev.gannet.core.coord.ChangeNotifier notifier) {
        return (u, m, n) -> notifier.publish(u, m, n);
    }

    static Bell silent() {
        return (u, m, n) -> Mono.empty();
    }
}
