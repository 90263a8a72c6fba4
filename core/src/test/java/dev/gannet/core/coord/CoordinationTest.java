package dev.gannet.core.coord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The factory's choices and its failures, and the values' validation; no Redis needed. */
class CoordinationTest {

    @Test
    void redactsPasswordsInRedisUris() {
        assertThat(Coordination.redact("redis://:s3cret@cache.example:6380/2")).isEqualTo("redis://***@cache.example:6380/2");
        assertThat(Coordination.redact("rediss://gannet:s3cret@h:6379")).isEqualTo("rediss://***@h:6379");
        assertThat(Coordination.redact("redis-sentinel://s3cret@h1:26379,h2:26379/0#mymaster"))
                .isEqualTo("redis-sentinel://***@h1:26379,h2:26379/0#mymaster");
        assertThat(Coordination.redact("redis://h:6379?password=s3cret&timeout=5s")).isEqualTo("redis://h:6379?password=***&timeout=5s");
        assertThat(Coordination.redact("redis://h:6379")).isEqualTo("redis://h:6379");
    }

    @Test
    void unreachableRedisFailsWithOneLineWithoutThePassword() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String uri = "redis://:s3cret@127.0.0.1:" + closedPort;
        assertThatThrownBy(() -> Coordination.create(uri))
                .isInstanceOf(CoordinationException.class)
                .hasMessageStartingWith("cannot connect to Redis at redis://***@127.0.0.1:" + closedPort)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret").doesNotContain("\n"));
    }

    @Test
    void invalidUriFailsWithoutThePassword() {
        assertThatThrownBy(() -> Coordination.create("http://:s3cret@host"))
                .isInstanceOf(CoordinationException.class)
                .hasMessageContaining("redis.uri")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }

    @Test
    void valuesRefuseNonsense() {
        assertThatThrownBy(() -> new MailboxChange("u", "", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailboxChange("u 1", "m", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailboxChange("u", "m", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Lease("", "o", Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Lease("n", "o", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(1, Duration.ofNanos(10))).isInstanceOf(IllegalArgumentException.class);
        try (Coordination c = Coordination.inJvm()) {
            assertThatThrownBy(() -> c.cache().set("k", new byte[0], Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> c.locks().tryAcquire("n", "", Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void resultReportsRemainingAndRetryAfter() {
        RateLimit limit = new RateLimit(2, Duration.ofSeconds(10));
        assertThat(RateLimit.Result.afterHit(limit, 2, Duration.ofSeconds(4))).isEqualTo(new RateLimit.Result(true, 2, 0, Duration.ZERO));
        assertThat(RateLimit.Result.afterHit(limit, 5, Duration.ofSeconds(4)))
                .isEqualTo(new RateLimit.Result(false, 5, 0, Duration.ofSeconds(4)));
        assertThat(RateLimit.Result.beforeHit(limit, 1, Duration.ofSeconds(4))).isEqualTo(new RateLimit.Result(true, 1, 1, Duration.ZERO));
        assertThat(RateLimit.Result.beforeHit(limit, 2, Duration.ofSeconds(4)))
                .isEqualTo(new RateLimit.Result(false, 2, 0, Duration.ofSeconds(4)));
    }
}
