package dev.gannet.core.coord.internal;

import dev.gannet.core.coord.DistributedLock;
import dev.gannet.core.coord.Lease;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Locks shared by every node: {@code SET NX PX} takes a free lock in one step; renew and release are
 * Lua scripts that compare the owner and act in one step, so a former holder whose lease expired can
 * never extend or delete the new holder's lock. Redis expiry frees the lock of a node that died.
 */
final class RedisDistributedLock implements DistributedLock {

    private final RedisReactiveCommands<String, byte[]> redis;

    RedisDistributedLock(RedisReactiveCommands<String, byte[]> redis) {
        this.redis = redis;
    }

    @Override
    public Mono<Optional<Lease>> tryAcquire(String name, String owner, Duration ttl) {
        Lease lease = new Lease(name, owner, ttl);
        return redis.set(RedisKeys.LOCK + name, bytes(owner), SetArgs.Builder.nx().px(ttl.toMillis()))
                .map(ok -> Optional.of(lease))
                // SET NX answers nil (an empty Mono) when the lock is held: by us (a retry) or by another.
                .switchIfEmpty(Mono.defer(() -> renew(lease, ttl)
                        .map(mine -> mine ? Optional.of(lease) : Optional.<Lease>empty())));
    }

    @Override
    public Mono<Boolean> renew(Lease lease, Duration ttl) {
        Objects.requireNonNull(lease, "lease");
        Ttls.require(ttl, "lease ttl");
        return script(RedisKeys.RENEW, lease, bytes(lease.owner()), bytes(Long.toString(ttl.toMillis())));
    }

    @Override
    public Mono<Boolean> release(Lease lease) {
        Objects.requireNonNull(lease, "lease");
        return script(RedisKeys.RELEASE, lease, bytes(lease.owner()));
    }

    private Mono<Boolean> script(String script, Lease lease, byte[]... args) {
        String[] keys = {RedisKeys.LOCK + lease.name()};
        return redis.<Long>eval(script, ScriptOutputType.INTEGER, keys, args).next()
                .map(n -> n == 1L)
                .defaultIfEmpty(false);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
