package dev.gannet.core.coord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs every coordination contract against a real Redis with two nodes (two Coordination objects, as
 * two Gannet processes would have), plus the checks that only make sense for Redis. Skipped, loudly,
 * when no Redis is available.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisContractTest
        implements ChangeNotifierContract, DistributedLockContract, RateLimiterContract, KeyValueCacheContract {

    private RedisServer redis;
    private Coordination node1;
    private Coordination node2;

    @BeforeEach
    void nodes() {
        redis = RedisServer.shared();
        if (node1 == null) {
            node1 = Coordination.create(redis.uri());
            node2 = Coordination.create(redis.uri());
        }
    }

    @AfterAll
    void stop() {
        if (node1 != null) {
            node1.close();
        }
        if (node2 != null) {
            node2.close();
        }
    }

    @Override
    public Coordination node1() {
        return node1;
    }

    @Override
    public Coordination node2() {
        return node2;
    }

    @Override
    public Coordination newNode() {
        return Coordination.create(redis.uri());
    }

    @Test
    void isRedisAndReachable() {
        assertThat(node1.describe()).isEqualTo("redis");
        node1.ping().block(Recorder.PATIENCE);
    }

    @Test
    void lastListenerLeavingUnsubscribesTheChannel() {
        String user = unique("u");
        String channel = "gannet:chg:" + user;
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> probe = client.connect()) {
            ChangeSubscription a = node1.notifier().subscribe(user).block(Recorder.PATIENCE);
            ChangeSubscription b = node1.notifier().subscribe(user).block(Recorder.PATIENCE);
            assertThat(numsub(probe, channel)).isEqualTo(1);
            a.close();
            assertThat(numsub(probe, channel)).as("one listener left").isEqualTo(1);
            b.close();
            Recorder.eventually(() -> numsub(probe, channel) == 0, "the channel to be unsubscribed");

            Recorder<MailboxChange> plain = Recorder.of(node1.notifier().changes(user));
            Recorder.eventually(() -> numsub(probe, channel) == 1, "the plain Flux to subscribe");
            plain.cancel();
            Recorder.eventually(() -> numsub(probe, channel) == 0, "cancel to unsubscribe");
        } finally {
            client.shutdown();
        }
    }

    private static long numsub(StatefulRedisConnection<String, String> probe, String channel) {
        Map<String, Long> counts = probe.sync().pubsubNumsub(channel);
        return counts.getOrDefault(channel, 0L);
    }
}
