package dev.gannet.server.concurrency;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue #14's concurrency suite ({@link ConcurrencySuite}) on the embedded memory store (GannetExtension's default), one node. */
class MemoryConcurrencyTest {

    static final ConcurrencySuite.Size SIZE = new ConcurrencySuite.Size(3, 12, 20, 6, 8, Duration.ofSeconds(40));

    @Test
    void everyInvariantHoldsAfterEveryRound() throws Exception {
        try (Backend backend = Backend.single("the memory store", Backend.node().build())) {
            Findings findings = new ConcurrencySuite(backend, SIZE).run();
            assertThat(findings.isEmpty()).as(findings.report(backend.name())).isTrue();
        }
    }
}
