package dev.gannet.core.coord.internal;

import dev.gannet.core.coord.ChangeNotifier;
import dev.gannet.core.coord.Coordination;
import dev.gannet.core.coord.CoordinationException;
import dev.gannet.core.coord.DistributedLock;
import dev.gannet.core.coord.KeyValueCache;
import dev.gannet.core.coord.RateLimiter;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Coordination for many nodes through one Redis: a single shared connection carries every command
 * (Lettuce pipelines them, so one is enough and keeps Redis's client count at two per node), and a
 * second connection does nothing but pub/sub, because a subscribed connection cannot run commands.
 */
public final class RedisCoordination implements Coordination {

    private static final Logger log = LoggerFactory.getLogger(RedisCoordination.class);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final String safeUri;
    private final RedisChangeNotifier notifier;
    private final RedisDistributedLock locks;
    private final RedisRateLimiter rateLimiter;
    private final RedisKeyValueCache cache;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisCoordination(RedisClient client, StatefulRedisConnection<String, byte[]> connection,
            StatefulRedisPubSubConnection<String, String> pubsub, String safeUri) {
        this.client = client;
        this.connection = connection;
        this.pubsub = pubsub;
        this.safeUri = safeUri;
        this.notifier = new RedisChangeNotifier(connection.reactive(), pubsub);
        this.locks = new RedisDistributedLock(connection.reactive());
        this.rateLimiter = new RedisRateLimiter(connection.reactive());
        this.cache = new RedisKeyValueCache(connection.reactive());
    }

    /** Connects both connections now, so that a wrong uri or a Redis that is down stops startup. */
    public static RedisCoordination connect(String uri) {
        String safeUri = RedisUris.redact(uri);
        RedisURI parsed;
        try {
            parsed = RedisURI.create(uri);
        } catch (RuntimeException e) {
            throw new CoordinationException("redis.uri " + safeUri + " is not a valid Redis uri: "
                    + RedisUris.redact(String.valueOf(e.getMessage())), null);
        }
        RedisClient client = RedisClient.create(parsed);
        // While Redis is away Lettuce reconnects in the background; commands fail at once instead of waiting
        // COMMAND_TIMEOUT in its queue, so every caller's fallback (fail-open rate limits, cache misses, a
        // lost bell the journal covers, a temporary error for a lock) runs without stalling deliveries.
        client.setOptions(ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        StatefulRedisConnection<String, byte[]> connection = null;
        try {
            connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            StatefulRedisPubSubConnection<String, String> pubsub = client.connectPubSub(StringCodec.UTF8);
            log.info("coordination: redis at {}", safeUri);
            return new RedisCoordination(client, connection, pubsub, safeUri);
        } catch (RuntimeException e) {
            if (connection != null) {
                connection.close();
            }
            client.shutdown(0, 2, TimeUnit.SECONDS);
            throw new CoordinationException("cannot connect to Redis at " + safeUri + ": "
                    + RedisUris.redact(rootMessage(e)), null);
        }
    }

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
        return connection.reactive().ping().timeout(PING_TIMEOUT).then();
    }

    @Override
    public String describe() {
        return "redis";
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            notifier.close();
            pubsub.close();
            connection.close();
            client.shutdown(0, 2, TimeUnit.SECONDS);
            log.info("coordination: closed redis at {}", safeUri);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replaceAll("\\s+", " ");
    }
}
