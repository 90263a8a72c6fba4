package dev.gannet.server.concurrency;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue #14's concurrency suite ({@link ConcurrencySuite}) on two nodes in this JVM sharing one <code>gannet store</code> process and one <code>redis-server</code>, sessions spread over both. */
class SharedStoreConcurrencyTest {

    static final ConcurrencySuite.Size SIZE = new ConcurrencySuite.Size(3, 12, 20, 5, 8, Duration.ofSeconds(40));

    @Test
    void everyInvariantHoldsAfterEveryRound() throws Exception {
        try (Backend backend = new SharedStoreBackend(2)) {
            Findings findings = new ConcurrencySuite(backend, SIZE).run();
            assertThat(findings.isEmpty()).as(findings.report(backend.name())).isTrue();
        }
    }
}
