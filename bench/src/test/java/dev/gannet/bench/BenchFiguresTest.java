package dev.gannet.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The parts of the bench that decide what the table says. */
class BenchFiguresTest {

    @Test
    void medianAndPercentiles() {
        assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Stats.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = (i + 1) * 1_000_000L;
        }
        assertThat(Stats.percentileMillis(nanos, 50)).isEqualTo(50.0);
        assertThat(Stats.percentileMillis(nanos, 99)).isEqualTo(99.0);
    }

    @Test
    void ratioIsOrientedSoThatAboveOneFavoursGannet() {
        Report.Row throughput = new Report.Row("x", "msg/s", Report.Better.HIGHER, List.of(200.0), List.of(100.0));
        Report.Row latency = new Report.Row("x", "ms", Report.Better.LOWER, List.of(5.0), List.of(10.0));
        assertThat(throughput.ratio()).isEqualTo(2.0);
        assertThat(latency.ratio()).isEqualTo(2.0);
    }

    @Test
    void countsHaveNoRatioAndAGivenUpCommandShowsAsTimeout() {
        Report report = new Report();
        report.add(new Report.Row("errors", "count", Report.Better.NEITHER, List.of(3.0), List.of(0.0)));
        report.add(new Report.Row("store", "ms", Report.Better.LOWER, List.of(Double.POSITIVE_INFINITY), List.of(20.0)));
        report.add(new Report.Row("heap", "KB", Report.Better.LOWER, List.of(12.0), List.of()));
        assertThat(report.markdown("")).contains("| errors (count) | 3.00 (3.00–3.00) | 0.00 (0.00–0.00) | — |")
                .contains("| gave up (gave up–gave up) | 20.0 (20.0–20.0) | 0.00 |")
                .contains("| 12.0 (12.0–12.0) | — | n/a |");
    }

    @Test
    void corpusIsTheSameForEverySeedAndSpansTheSizes() {
        Corpus a = new Corpus(1, 300);
        Corpus b = new Corpus(1, 300);
        for (int i = 0; i < 300; i++) {
            assertThat(a.get(i)).isEqualTo(b.get(i));
        }
        long smallest = Long.MAX_VALUE;
        long largest = 0;
        for (int i = 0; i < 300; i++) {
            smallest = Math.min(smallest, a.get(i).length);
            largest = Math.max(largest, a.get(i).length);
        }
        assertThat(smallest).isBetween(2_000L, 12_000L);
        assertThat(largest).isGreaterThan(100_000L);
    }
}
