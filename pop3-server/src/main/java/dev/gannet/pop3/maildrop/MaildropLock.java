package dev.gannet.pop3.maildrop;

import dev.gannet.core.coord.DistributedLock;
import dev.gannet.core.coord.Lease;
import dev.gannet.core.store.MailboxId;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The exclusive-access lock on a maildrop (RFC 1939 §8: one session per maildrop) held through the
 * cluster-wide {@link DistributedLock}. The lease is renewed at a third of its length while the session
 * lives, so a dead node's lock expires by itself; if a renewal finds the lock gone, the session is told
 * to end, because another may now hold the maildrop.
 */
public final class MaildropLock {

    private static final Logger log = LoggerFactory.getLogger(MaildropLock.class);

    private final DistributedLock locks;
    private final Lease lease;
    private ScheduledFuture<?> renewal;
    private boolean released;

    private MaildropLock(DistributedLock locks, Lease lease) {
        this.locks = locks;
        this.lease = lease;
    }

    /** The lock's name for a mailbox. */
    static String name(MailboxId mailbox) {
        return "pop3/maildrop/" + mailbox.value();
    }

    /** Emits the held lock, or empty when another session holds it. */
    public static Mono<MaildropLock> acquire(DistributedLock locks, MailboxId mailbox, String owner, Duration lease) {
        return locks.tryAcquire(name(mailbox), owner, lease)
                .flatMap(held -> held.map(l -> Mono.just(new MaildropLock(locks, l))).orElseGet(Mono::empty));
    }

    /** Starts renewing on {@code executor}; {@code onLost} runs there if the lock was lost. */
    public void keepAlive(EventExecutor executor, Runnable onLost) {
        long every = Math.max(1, lease.ttl().toMillis() / 3);
        renewal = executor.scheduleAtFixedRate(() -> locks.renew(lease).subscribe(held -> {
            if (!held) {
                executor.execute(() -> {
                    if (!released) {
                        log.warn("maildrop lock {} lost; ending the session", lease.name());
                        onLost.run();
                    }
                });
            }
        }, e -> log.warn("renewing maildrop lock {} failed: {}", lease.name(), e.toString())), every, every,
                TimeUnit.MILLISECONDS);
    }

    /** Stops renewing and frees the lock in the background; idempotent. */
    public void release() {
        releaseAndWait().subscribe();
    }

    /**
     * Stops renewing and frees the lock, completing once the lock is free (so a client told "+OK" to
     * QUIT, or "-ERR" to a failed login, can open the maildrop again at once); idempotent, never errors.
     */
    public Mono<Void> releaseAndWait() {
        if (released) {
            return Mono.empty();
        }
        released = true;
        if (renewal != null) {
            renewal.cancel(false);
        }
        return locks.release(lease).then()
                .onErrorResume(e -> {
                    log.warn("releasing maildrop lock {} failed: {}", lease.name(), e.toString());
                    return Mono.empty();
                });
    }

    /** For tests and logs. */
    public Optional<Lease> lease() {
        return released ? Optional.empty() : Optional.of(lease);
    }
}
