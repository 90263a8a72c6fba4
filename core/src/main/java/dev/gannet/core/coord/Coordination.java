package dev.gannet.core.coord;

import dev.gannet.core.coord.internal.InJvmCoordination;
import dev.gannet.core.coord.internal.RedisCoordination;
import dev.gannet.core.coord.internal.RedisUris;
import reactor.core.publisher.Mono;

/**
 * The one place that decides how nodes coordinate: in the JVM when no {@code redis.uri} is set (a
 * single node), through Redis otherwise (many nodes). Everything else asks this for the four narrow
 * services and never knows which it got. Close it at shutdown: it ends subscriptions and connections.
 */
public interface Coordination extends AutoCloseable {

    ChangeNotifier notifier();

    DistributedLock locks();

    RateLimiter rateLimiter();

    KeyValueCache cache();

    /** Completes if the backend answers (always, in the JVM), errors otherwise; for /health. */
    Mono<Void> ping();

    /** {@code "in-jvm"} or {@code "redis"}, for logs. */
    String describe();

    /** Releases connections and ends every open {@link ChangeSubscription}; idempotent. */
    @Override
    void close();

    /**
     * In-JVM coordination when {@code redisUri} is null or blank, Redis otherwise. Connecting to Redis
     * happens here, at startup, and fails with a {@link CoordinationException} if it cannot.
     */
    static Coordination create(String redisUri) {
        if (redisUri == null || redisUri.isBlank()) {
            return inJvm();
        }
        return RedisCoordination.connect(redisUri.strip());
    }

    /** Coordination for a single node, without Redis. */
    static Coordination inJvm() {
        return new InJvmCoordination();
    }

    /** The uri with any password or user info replaced by {@code ***}, safe to log. */
    static String redact(String redisUri) {
        return RedisUris.redact(redisUri);
    }
}
