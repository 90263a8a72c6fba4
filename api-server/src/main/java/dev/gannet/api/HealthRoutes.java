package dev.gannet.api;

import dev.gannet.core.node.HealthReport;
import dev.gannet.core.node.NodeContext;

import java.time.Duration;

/**
 * {@code GET /health}: 200 when the store and the coordination backend answer, 503 when either does not,
 * with the same JSON body either way so that a monitor can say which one failed. It needs no token:
 * load balancers and orchestrators probe it.
 */
final class HealthRoutes {

    private HealthRoutes() {
    }

    static Route route(NodeContext context) {
        return Route.get("/health").access(Access.PUBLIC).doc("operations",
                "Whether the store and the coordination backend answer (200) or not (503)")
                .returns(HealthReport.class).handle(call -> {
                    HealthReport report = context.health().check().block(Duration.ofSeconds(10));
                    call.ctx().status(report != null && report.healthy() ? 200 : 503).json(report);
                    return null;
                });
    }
}
