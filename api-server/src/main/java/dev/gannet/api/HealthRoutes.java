package dev.gannet.api;

import dev.gannet.core.node.HealthReport;
import dev.gannet.core.node.NodeContext;
import io.javalin.config.JavalinConfig;

import java.time.Duration;

/**
 * {@code GET /health}: 200 when the store and the coordination backend answer, 503 when either does not,
 * with the same JSON body either way so that a monitor can say which one failed. It needs no token:
 * load balancers and orchestrators probe it.
 */
final class HealthRoutes {

    private HealthRoutes() {
    }

    static void register(JavalinConfig cfg, NodeContext context) {
        cfg.routes.get("/health", ctx -> {
            HealthReport report = context.health().check().block(Duration.ofSeconds(10));
            ctx.status(report != null && report.healthy() ? 200 : 503).json(report);
        });
    }
}
