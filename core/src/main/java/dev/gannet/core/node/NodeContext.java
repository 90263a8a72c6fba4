package dev.gannet.core.node;

import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.coord.Coordination;
import dev.gannet.core.net.NetworkResources;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.tls.TlsMaterial;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * What a role gets when it starts: the configuration, the services of {@code core} it may use, and the
 * node-wide singletons (one TLS context for every protocol, one meter registry). Roles see interfaces
 * only; which implementation is behind each (embedded store or MongoDB, in-JVM or Redis) was decided
 * once, by the node.
 *
 * @param hostname the configured host name, or the machine's when none is configured
 * @param store the mail store every protocol reads and writes through
 * @param network the event loops all protocol servers share
 * @param health checks the store and coordination backends on demand
 */
public record NodeContext(GannetConfig config, String hostname, MailStore store, Coordination coordination,
        TlsMaterial tls, MeterRegistry metrics, NetworkResources network, HealthCheck health) {

    /** Reports the node's health; each call asks the store and coordination backends afresh. */
    @FunctionalInterface
    public interface HealthCheck {
        Mono<HealthReport> check();
    }
}
