package dev.gannet.core.coord.internal;

import dev.gannet.core.coord.ChangeSubscription;
import dev.gannet.core.coord.MailboxChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import reactor.core.publisher.Mono;

/**
 * This node's listeners per channel key, counted so that the bus is asked to listen once per key
 * however many sessions of a user are open, and to stop when the last one closes. Listen and unlisten
 * are issued under the registry's lock so that the bus sees them in the order the counts changed.
 */
final class SubscriptionRegistry {

    /** What the registry asks of the bus; a listen completes when the bus delivers on that key. */
    interface Bus {
        CompletableFuture<?> listen(String key);

        void unlisten(String key);
    }

    private record Entry(Set<LocalSubscription> listeners, CompletableFuture<?> live) {
    }

    private final Bus bus;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private boolean closed;

    SubscriptionRegistry(Bus bus) {
        this.bus = bus;
    }

    Mono<ChangeSubscription> subscribe(String key) {
        return Mono.defer(() -> {
            LocalSubscription[] holder = new LocalSubscription[1];
            CompletableFuture<?> live;
            synchronized (this) {
                if (closed) {
                    return Mono.error(new IllegalStateException("coordination is closed"));
                }
                Entry entry = entries.computeIfAbsent(key,
                        k -> new Entry(new CopyOnWriteArraySet<>(), bus.listen(k)));
                holder[0] = new LocalSubscription(() -> remove(key, holder[0]));
                entry.listeners().add(holder[0]);
                live = entry.live();
            }
            LocalSubscription sub = holder[0];
            return Mono.fromFuture(live, true)
                    .then(Mono.<ChangeSubscription>just(sub))
                    .doOnError(e -> sub.close())
                    .doOnCancel(sub::close);
        });
    }

    void deliver(String key, MailboxChange change) {
        Entry entry = entries.get(key);
        if (entry != null) {
            for (LocalSubscription listener : entry.listeners()) {
                listener.offer(change);
            }
        }
    }

    /** Ends every listener; later subscribes fail. */
    void close() {
        List<LocalSubscription> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            entries.values().forEach(e -> all.addAll(e.listeners()));
        }
        all.forEach(LocalSubscription::close);
    }

    private synchronized void remove(String key, LocalSubscription listener) {
        Entry entry = entries.get(key);
        if (entry != null && entry.listeners().remove(listener) && entry.listeners().isEmpty()) {
            entries.remove(key);
            if (!closed) {
                bus.unlisten(key);
            }
        }
    }

    /** Keys with at least one listener, for tests and diagnostics. */
    Set<String> keys() {
        return Set.copyOf(entries.keySet());
    }
}
