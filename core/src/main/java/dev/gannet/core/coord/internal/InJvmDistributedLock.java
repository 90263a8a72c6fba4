package dev.gannet.core.coord.internal;

import dev.gannet.core.coord.DistributedLock;
import dev.gannet.core.coord.Lease;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import reactor.core.publisher.Mono;

/**
 * Locks for a single node: a map of lock name to owner that forgets an owner at its deadline, so a
 * session that vanishes without releasing still frees the maildrop once its lease runs out.
 */
final class InJvmDistributedLock implements DistributedLock {

    private final ExpiringMap<String> owners = new ExpiringMap<>();

    @Override
    public Mono<Optional<Lease>> tryAcquire(String name, String owner, Duration ttl) {
        Lease lease = new Lease(name, owner, ttl);
        return Mono.fromCallable(() -> {
            ExpiringMap.Entry<String> now = owners.compute(name, (held, t) ->
                    held == null || held.value().equals(owner)
                            ? new ExpiringMap.Entry<>(owner, ExpiringMap.deadline(t, ttl))
                            : held);
            return now.value().equals(owner) ? Optional.of(lease) : Optional.<Lease>empty();
        });
    }

    @Override
    public Mono<Boolean> renew(Lease lease, Duration ttl) {
        Objects.requireNonNull(lease, "lease");
        Ttls.require(ttl, "lease ttl");
        return Mono.fromCallable(() ->
                ifOwner(lease, t -> new ExpiringMap.Entry<>(lease.owner(), ExpiringMap.deadline(t, ttl))));
    }

    @Override
    public Mono<Boolean> release(Lease lease) {
        Objects.requireNonNull(lease, "lease");
        return Mono.fromCallable(() -> ifOwner(lease, t -> null));
    }

    /** Replaces the lock's entry with {@code next} (null frees it) only if the lease's owner holds it. */
    private boolean ifOwner(Lease lease, LongFunction<ExpiringMap.Entry<String>> next) {
        AtomicBoolean done = new AtomicBoolean();
        owners.compute(lease.name(), (held, t) -> {
            if (held != null && held.value().equals(lease.owner())) {
                done.set(true);
                return next.apply(t);
            }
            return held;
        });
        return done.get();
    }
}
