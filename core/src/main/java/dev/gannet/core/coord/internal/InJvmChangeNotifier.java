package dev.gannet.core.coord.internal;

import dev.gannet.core.coord.ChangeNotifier;
import dev.gannet.core.coord.ChangeSubscription;
import dev.gannet.core.coord.MailboxChange;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/**
 * The bell for a single node: publishing hands the change straight to this JVM's listeners, which are
 * Reactor sinks; there is nobody else to tell.
 */
final class InJvmChangeNotifier implements ChangeNotifier {

    private static final String ALL = "";
    private static final SubscriptionRegistry.Bus LOCAL = new SubscriptionRegistry.Bus() {
        @Override
        public CompletableFuture<?> listen(String key) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void unlisten(String key) {
        }
    };

    private final SubscriptionRegistry users = new SubscriptionRegistry(LOCAL);
    private final SubscriptionRegistry all = new SubscriptionRegistry(LOCAL);

    @Override
    public Mono<Void> publish(MailboxChange change) {
        Objects.requireNonNull(change, "change");
        return Mono.fromRunnable(() -> {
            users.deliver(change.userId(), change);
            all.deliver(ALL, change);
        });
    }

    @Override
    public Mono<ChangeSubscription> subscribe(String userId) {
        Objects.requireNonNull(userId, "userId");
        return users.subscribe(userId);
    }

    @Override
    public Mono<ChangeSubscription> subscribeAll() {
        return all.subscribe(ALL);
    }

    void close() {
        users.close();
        all.close();
    }
}
