package dev.gannet.core.coord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.testing.RedisServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Redis going away under a running node (README "Real MongoDB and Redis"): commands fail at once rather than
 * wait out the command timeout in Lettuce's queue, a change subscription fails as a temporary error, and the
 * connection comes back by itself when Redis is started again on the same port.
 */
class RedisOutageTest {

    private static final Duration FAST = Duration.ofSeconds(2);

    @Test
    void whileRedisIsAwayCommandsFailAtOnceAndTheNodeReconnectsWhenItReturns() throws Exception {
        RedisServer redis = RedisServer.start();
        int port = redis.port();
        try (Coordination node = Coordination.create(redis.uri())) {
            node.ping().block(FAST);
            redis.close();

            long began = System.nanoTime();
            assertThatThrownBy(() -> node.notifier().publish("u1", "m1", 1).block(FAST))
                    .isNotInstanceOf(IllegalStateException.class); // an error, not block()'s timeout
            assertThatThrownBy(() -> node.notifier().subscribe("u1").block(FAST))
                    .isInstanceOf(GannetException.Unavailable.class);
            assertThatThrownBy(() -> node.locks().tryAcquire("outage", "me", Duration.ofSeconds(5)).block(FAST))
                    .isNotInstanceOf(IllegalStateException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(FAST);

            redis = RedisServer.startOn(port);
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            boolean back = false;
            while (!back && System.nanoTime() < deadline) {
                try {
                    node.ping().block(FAST);
                    back = true;
                } catch (RuntimeException e) {
                    Thread.sleep(100);
                }
            }
            assertThat(back).as("reconnected to the restarted Redis").isTrue();
            assertThat(node.locks().tryAcquire("outage", "me", Duration.ofSeconds(5)).block(FAST)).isPresent();
        } finally {
            redis.close();
        }
    }
}
