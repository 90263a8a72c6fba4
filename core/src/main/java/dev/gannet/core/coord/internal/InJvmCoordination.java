package dev.gannet.core.coord.internal;

import dev.gannet.core.coord.ChangeNotifier;
import dev.gannet.core.coord.Coordination;
import dev.gannet.core.coord.DistributedLock;
import dev.gannet.core.coord.KeyValueCache;
import dev.gannet.core.coord.RateLimiter;
import reactor.core.publisher.Mono;

/**
 * Coordination for one node without Redis: everything lives in this JVM, which is exactly right when
 * this JVM is the only node, and needs no setup.
 */
public final class InJvmCoordination implements Coordination {

    private final InJvmChangeNotifier notifier = new InJvmChangeNotifier();
    private final InJvmDistributedLock locks = new InJvmDistributedLock();
    private final InJvmRateLimiter rateLimiter = new InJvmRateLimiter();
    private final InJvmKeyValueCache cache = new InJvmKeyValueCache();

    @Override
    public ChangeNotifier notifier() {
        return notifier;
    }

    @Override
    public DistributedLock locks() {
        return locks;
    }

    @Override
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    @Override
    public KeyValueCache cache() {
        return cache;
    }

    @Override
    public Mono<Void> ping() {
        return Mono.empty();
    }

    @Override
    public String describe() {
        return "in-jvm";
    }

    @Override
    public void close() {
        notifier.close();
    }
}
