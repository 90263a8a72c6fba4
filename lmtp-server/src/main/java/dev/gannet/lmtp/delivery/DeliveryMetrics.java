package dev.gannet.lmtp.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * Per-recipient delivery metrics: deliveries by result (delivered, rejected, deferred) and reason, bytes
 * stored, and how long storing took.
 */
public final class DeliveryMetrics {

    private final MeterRegistry registry;
    private final DistributionSummary bytes;
    private final Timer latency;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.bytes = DistributionSummary.builder("gannet.lmtp.delivered.bytes").baseUnit("bytes")
                .description("size of each message stored by LMTP, trace headers included").register(registry);
        this.latency = Timer.builder("gannet.lmtp.delivery.latency")
                .description("time to store one recipient's copy").register(registry);
    }

    /** Counts one recipient's outcome; {@code code} is the reply code. */
    public void record(int code, String reason, long storedBytes, Duration took) {
        String result = code < 400 ? "delivered" : code < 500 ? "deferred" : "rejected";
        Counter.builder("gannet.lmtp.deliveries").tag("result", result).tag("reason", reason)
                .description("LMTP recipients by outcome").register(registry).increment();
        if (code < 400) {
            bytes.record(storedBytes);
        }
        if (took != null) {
            latency.record(took);
        }
    }
}
