package dev.gannet.core.coord.internal;

import dev.gannet.core.coord.ChangeNotifier;
import dev.gannet.core.coord.ChangeSubscription;
import dev.gannet.core.coord.MailboxChange;
import dev.gannet.core.error.GannetException;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The bell across nodes over Redis pub/sub: one channel per user ({@code gannet:chg:<userId>}, payload
 * {@code "<modseq> <mailboxId>"}), subscribed on this node's pub/sub connection only while one of its
 * sessions listens to that user; listeners to every user share one pattern subscription. Lettuce
 * re-subscribes after a reconnect; changes published meanwhile are lost, which the journal covers.
 */
final class RedisChangeNotifier implements ChangeNotifier {

    private static final Logger log = LoggerFactory.getLogger(RedisChangeNotifier.class);
    private static final String ALL = "";
    private static final String PATTERN = RedisKeys.CHANGES + "*";

    private final RedisReactiveCommands<String, byte[]> redis;
    private final SubscriptionRegistry users;
    private final SubscriptionRegistry all;

    RedisChangeNotifier(RedisReactiveCommands<String, byte[]> redis, StatefulRedisPubSubConnection<String, String> pubsub) {
        this.redis = redis;
        this.users = new SubscriptionRegistry(new SubscriptionRegistry.Bus() {
            @Override
            public CompletableFuture<?> listen(String userId) {
                return pubsub.async().subscribe(RedisKeys.CHANGES + userId).toCompletableFuture();
            }

            @Override
            public void unlisten(String userId) {
                pubsub.async().unsubscribe(RedisKeys.CHANGES + userId).exceptionally(RedisChangeNotifier::ignored);
            }
        });
        this.all = new SubscriptionRegistry(new SubscriptionRegistry.Bus() {
            @Override
            public CompletableFuture<?> listen(String key) {
                return pubsub.async().psubscribe(PATTERN).toCompletableFuture();
            }

            @Override
            public void unlisten(String key) {
                pubsub.async().punsubscribe(PATTERN).exceptionally(RedisChangeNotifier::ignored);
            }
        });
        // A node listening to one user and to everyone gets each message twice, once per kind of
        // subscription; each copy goes only to the listeners of its kind.
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                MailboxChange change = decode(channel, message);
                if (change != null) {
                    users.deliver(change.userId(), change);
                }
            }

            @Override
            public void message(String pattern, String channel, String message) {
                MailboxChange change = decode(channel, message);
                if (change != null) {
                    all.deliver(ALL, change);
                }
            }
        });
    }

    @Override
    public Mono<Void> publish(MailboxChange change) {
        Objects.requireNonNull(change, "change");
        byte[] payload = (change.modseq() + " " + change.mailboxId()).getBytes(StandardCharsets.UTF_8);
        return redis.publish(RedisKeys.CHANGES + change.userId(), payload).then();
    }

    @Override
    public Mono<ChangeSubscription> subscribe(String userId) {
        Objects.requireNonNull(userId, "userId");
        return users.subscribe(userId).onErrorMap(RedisChangeNotifier::unavailable);
    }

    @Override
    public Mono<ChangeSubscription> subscribeAll() {
        return all.subscribe(ALL).onErrorMap(RedisChangeNotifier::unavailable);
    }

    /**
     * Redis away (or refusing): a temporary failure each protocol answers as such (IMAP NO [UNAVAILABLE]).
     * A closed notifier stays an IllegalStateException, as the contract says.
     */
    private static Throwable unavailable(Throwable e) {
        return e instanceof GannetException || e instanceof IllegalStateException ? e
                : GannetException.unavailable("change notifications unavailable: " + e.getMessage(), e);
    }

    void close() {
        users.close();
        all.close();
    }

    /** Another Gannet version or a stray publisher may share the channel; what we cannot read we skip. */
    static MailboxChange decode(String channel, String message) {
        try {
            int space = message.indexOf(' ');
            return new MailboxChange(channel.substring(RedisKeys.CHANGES.length()),
                    message.substring(space + 1), Long.parseLong(message, 0, space, 10));
        } catch (RuntimeException e) {
            log.debug("ignoring unreadable change on {}: {}", channel, e.toString());
            return null;
        }
    }

    private static Void ignored(Throwable e) {
        log.debug("unsubscribe failed: {}", e.toString());
        return null;
    }
}
