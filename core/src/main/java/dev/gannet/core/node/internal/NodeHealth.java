package dev.gannet.core.node.internal;

import dev.gannet.core.coord.Coordination;
import dev.gannet.core.node.HealthReport;
import dev.gannet.core.node.HealthReport.Component;
import dev.gannet.core.node.NodeContext;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

/** Asks the store and the coordination backend to answer, each within a short timeout, in parallel. */
public final class NodeHealth implements NodeContext.HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final StoreConnection store;
    private final Coordination coordination;
    private volatile List<String> roles = List.of();
    private final String version;
    private final long startedAt = System.nanoTime();

    public NodeHealth(StoreConnection store, Coordination coordination, String version) {
        this.store = store;
        this.coordination = coordination;
        this.version = version;
    }

    /** Called once the roles have started: the report lists the roles that run, not those configured. */
    public void rolesRunning(List<String> running) {
        this.roles = List.copyOf(running);
    }

    @Override
    public Mono<HealthReport> check() {
        return Mono.zip(probe(store.kind(), store.ping()), probe(coordination.describe(), coordination.ping()))
                .map(t -> new HealthReport(t.getT1().reachable() && t.getT2().reachable(), t.getT1(), t.getT2(),
                        roles, version, (System.nanoTime() - startedAt) / 1_000_000_000L));
    }

    private static Mono<Component> probe(String kind, Mono<Void> ping) {
        return Mono.defer(() -> {
            long began = System.nanoTime();
            return ping.timeout(TIMEOUT)
                    .then(Mono.fromCallable(() -> new Component(kind, true, null, millisSince(began))))
                    .onErrorResume(e -> Mono.just(new Component(kind, false, message(e), millisSince(began))));
        });
    }

    private static long millisSince(long began) {
        return (System.nanoTime() - began) / 1_000_000;
    }

    private static String message(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
