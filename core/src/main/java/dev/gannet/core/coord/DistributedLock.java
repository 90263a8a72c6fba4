package dev.gannet.core.coord;

import java.time.Duration;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Named mutual exclusion across nodes with a lease, for the POP3 maildrop lock (RFC 1939 §8: one
 * session per maildrop) and task leases. A lease that is not renewed expires, so a node that dies
 * frees its locks; every change is checked against the owner token, so a late release or renewal
 * from a former holder never touches a lock someone else now holds.
 */
public interface DistributedLock {

    /**
     * Takes {@code name} for {@code owner} for {@code ttl} if it is free or expired. If {@code owner}
     * already holds it, the lease is extended instead (so a retried acquire is harmless).
     * Emits the lease, or {@code Optional.empty()} if another owner holds it.
     */
    Mono<Optional<Lease>> tryAcquire(String name, String owner, Duration ttl);

    /** Extends the lease to {@code ttl} from now if its owner still holds it; emits whether it did. */
    Mono<Boolean> renew(Lease lease, Duration ttl);

    default Mono<Boolean> renew(Lease lease) {
        return renew(lease, lease.ttl());
    }

    /** Frees the lock if the lease's owner still holds it; emits whether it did. Others' locks are left alone. */
    Mono<Boolean> release(Lease lease);
}
