package dev.gannet.core.coord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The lock contract, run by every {@link DistributedLock}. Exclusivity checks use long leases and
 * expiry checks only wait for the lock to come free, so a slow machine cannot make them flaky.
 */
interface DistributedLockContract extends CoordinationNodes {

    Duration LONG = Duration.ofSeconds(30);
    Duration SHORT = Duration.ofMillis(300);
    /** Long enough that the step after acquiring surely comes before expiry, even on a stalled box. */
    Duration MEDIUM = Duration.ofSeconds(1);

    private Optional<Lease> acquire(Coordination node, String name, String owner, Duration ttl) {
        return node.locks().tryAcquire(name, owner, ttl).block(Recorder.PATIENCE);
    }

    @Test
    default void onlyOneOwnerHoldsTheLock() {
        String name = unique("lock");
        Optional<Lease> a = acquire(node1(), name, "A", LONG);
        assertThat(a).contains(new Lease(name, "A", LONG));
        assertThat(acquire(node2(), name, "B", LONG)).isEmpty();
        assertThat(acquire(node1(), unique("lock"), "B", LONG)).as("other names are independent").isPresent();
    }

    @Test
    default void releaseByAnotherOwnerDoesNothing() {
        String name = unique("lock");
        Lease a = acquire(node1(), name, "A", LONG).orElseThrow();
        assertThat(node2().locks().release(new Lease(name, "B", LONG)).block(Recorder.PATIENCE)).isFalse();
        assertThat(acquire(node2(), name, "B", LONG)).isEmpty();

        assertThat(node1().locks().release(a).block(Recorder.PATIENCE)).isTrue();
        assertThat(node1().locks().release(a).block(Recorder.PATIENCE)).as("second release").isFalse();
        assertThat(acquire(node2(), name, "B", LONG)).isPresent();
    }

    @Test
    default void expiredLeaseFreesTheLockAndLosesItsRights() {
        String name = unique("lock");
        Lease a = acquire(node1(), name, "A", SHORT).orElseThrow();
        Recorder.eventually(() -> acquire(node2(), name, "B", LONG).isPresent(), "lease of A to expire");

        assertThat(node1().locks().renew(a).block(Recorder.PATIENCE)).as("renew after expiry").isFalse();
        assertThat(node1().locks().release(a).block(Recorder.PATIENCE)).as("release after expiry").isFalse();
        assertThat(acquire(node1(), name, "C", LONG)).as("B still holds it").isEmpty();
    }

    @Test
    default void renewExtendsTheLease() {
        String name = unique("lock");
        Lease a = acquire(node1(), name, "A", MEDIUM).orElseThrow();
        assertThat(node2().locks().renew(a, LONG).block(Recorder.PATIENCE)).isTrue();
        Recorder.sleep(MEDIUM.toMillis() * 3 / 2);
        assertThat(acquire(node2(), name, "B", LONG)).isEmpty();
        assertThat(node1().locks().renew(new Lease(name, "B", LONG)).block(Recorder.PATIENCE))
                .as("renew by another owner").isFalse();
    }

    @Test
    default void renewCanAlsoShortenTheLease() {
        String name = unique("lock");
        Lease a = acquire(node1(), name, "A", LONG).orElseThrow();
        assertThat(node1().locks().renew(a, SHORT).block(Recorder.PATIENCE)).isTrue();
        Recorder.eventually(() -> acquire(node2(), name, "B", LONG).isPresent(), "the shortened lease to expire");
    }

    @Test
    default void acquiringAgainAsTheSameOwnerExtendsTheLease() {
        String name = unique("lock");
        acquire(node1(), name, "A", MEDIUM).orElseThrow();
        assertThat(acquire(node2(), name, "A", LONG)).contains(new Lease(name, "A", LONG));
        Recorder.sleep(MEDIUM.toMillis() * 3 / 2);
        assertThat(acquire(node1(), name, "B", LONG)).isEmpty();
    }
}
