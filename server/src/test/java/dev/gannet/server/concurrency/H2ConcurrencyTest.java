package dev.gannet.server.concurrency;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue #14's concurrency suite ({@link ConcurrencySuite}) on the durable H2 store the launcher runs, one node. */
class H2ConcurrencyTest {

    static final ConcurrencySuite.Size SIZE = new ConcurrencySuite.Size(3, 12, 20, 4, 8, Duration.ofSeconds(40));

    @Test
    void everyInvariantHoldsAfterEveryRound() throws Exception {
        try (Backend backend = Backend.single("the H2 store", Backend.node().durable().build())) {
            Findings findings = new ConcurrencySuite(backend, SIZE).run();
            assertThat(findings.isEmpty()).as(findings.report(backend.name())).isTrue();
        }
    }
}
