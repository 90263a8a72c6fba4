package dev.gannet.core.coord;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The cache contract, run by every {@link KeyValueCache}: round trips, delete, expiry, loading. */
interface KeyValueCacheContract extends CoordinationNodes {

    Duration LONG = Duration.ofSeconds(30);

    private byte[] get(Coordination node, String key) {
        return node.cache().get(key).block(Recorder.PATIENCE);
    }

    @Test
    default void valueSetOnOneNodeIsReadOnAnother() {
        String key = unique("kv");
        byte[] value = new byte[300 * 1024];
        new Random(42).nextBytes(value);
        node1().cache().set(key, value, LONG).block(Recorder.PATIENCE);
        assertThat(get(node2(), key)).isEqualTo(value);
        assertThat(get(node2(), unique("kv"))).as("missing key").isNull();
    }

    @Test
    default void storedValuesAreNotSharedWithCallers() {
        String key = unique("kv");
        byte[] value = {1, 2, 3};
        node1().cache().set(key, value, LONG).block(Recorder.PATIENCE);
        value[0] = 9;
        get(node1(), key)[1] = 9;
        assertThat(get(node2(), key)).containsExactly(1, 2, 3);
    }

    @Test
    default void deleteRemovesTheValue() {
        String key = unique("kv");
        node1().cache().setString(key, "x", LONG).block(Recorder.PATIENCE);
        assertThat(node2().cache().delete(key).block(Recorder.PATIENCE)).isTrue();
        assertThat(get(node1(), key)).isNull();
        assertThat(node2().cache().delete(key).block(Recorder.PATIENCE)).isFalse();
    }

    @Test
    default void valueExpiresAfterItsTtl() {
        String key = unique("kv");
        node1().cache().setString(key, "soon gone", Duration.ofMillis(200)).block(Recorder.PATIENCE);
        Recorder.eventually(() -> get(node2(), key) == null, "the value to expire");
    }

    @Test
    default void setReplacesValueAndTtl() {
        String key = unique("kv");
        node1().cache().setString(key, "old", Duration.ofMillis(200)).block(Recorder.PATIENCE);
        node2().cache().setString(key, "new", LONG).block(Recorder.PATIENCE);
        Recorder.sleep(600);
        assertThat(node1().cache().getString(key).block(Recorder.PATIENCE)).isEqualTo("new");
    }

    @Test
    default void getOrLoadLoadsOnceThenServesTheCopy() {
        String key = unique("kv");
        AtomicInteger loads = new AtomicInteger();
        Mono<byte[]> loader = Mono.fromCallable(() -> {
            loads.incrementAndGet();
            return "loaded".getBytes(StandardCharsets.UTF_8);
        });
        assertThat(node1().cache().getOrLoad(key, LONG, loader).block(Recorder.PATIENCE)).asString().isEqualTo("loaded");
        assertThat(node2().cache().getOrLoad(key, LONG, loader).block(Recorder.PATIENCE)).asString().isEqualTo("loaded");
        assertThat(loads).hasValue(1);
        assertThat(node1().cache().getOrLoad(unique("kv"), LONG, Mono.empty()).block(Recorder.PATIENCE)).isNull();
    }
}
