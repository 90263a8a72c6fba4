package dev.gannet.api.metrics;

import dev.gannet.api.Access;
import dev.gannet.api.Route;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * {@code GET /metrics} in the Prometheus text format. A Prometheus registry joins the node's composite
 * registry, so every meter any role registers (connections per listener, commands per protocol and name,
 * deliveries, authentication failures) appears here, plus the JVM's. Gannet's timers get latency
 * histograms (buckets) in this registry only, where they are needed.
 */
public final class PrometheusEndpoint implements AutoCloseable {

    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final CompositeMeterRegistry composite;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public PrometheusEndpoint(MeterRegistry nodeMetrics) {
        prometheus.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() == Meter.Type.TIMER && id.getName().startsWith("gannet.")) {
                    return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
                }
                return config;
            }
        });
        new JvmMemoryMetrics().bindTo(prometheus);
        new JvmThreadMetrics().bindTo(prometheus);
        new ClassLoaderMetrics().bindTo(prometheus);
        new ProcessorMetrics().bindTo(prometheus);
        new UptimeMetrics().bindTo(prometheus);
        gc.bindTo(prometheus);
        composite = nodeMetrics instanceof CompositeMeterRegistry c ? c : null;
        if (composite != null) {
            composite.add(prometheus);
        }
    }

    public Route route() {
        return Route.get("/metrics").access(Access.ROOT).doc("operations", "Metrics in the Prometheus text format")
                .returnsRaw("text/plain").handle(call -> {
                    call.ctx().contentType(CONTENT_TYPE).result(prometheus.scrape());
                    return null;
                });
    }

    @Override
    public void close() {
        if (composite != null) {
            composite.remove(prometheus);
        }
        gc.close();
        prometheus.close();
    }
}
