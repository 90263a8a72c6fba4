package dev.gannet.core.coord;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Runs every coordination contract against the in-JVM backend, where the cluster is one node. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InJvmContractTest
        implements ChangeNotifierContract, DistributedLockContract, RateLimiterContract, KeyValueCacheContract {

    private final Coordination node = Coordination.create("");

    @Override
    public Coordination node1() {
        return node;
    }

    @Override
    public Coordination node2() {
        return node;
    }

    @Override
    public Coordination newNode() {
        return Coordination.inJvm();
    }

    @AfterAll
    void close() {
        node.close();
    }

    @Test
    void isInJvmAndAlwaysReachable() {
        assertThat(node.describe()).isEqualTo("in-jvm");
        assertThat(Coordination.create(null).describe()).isEqualTo("in-jvm");
        assertThat(Coordination.create("  ").describe()).isEqualTo("in-jvm");
        node.ping().block(Recorder.PATIENCE);
    }
}
