package dev.gannet.api;

import io.javalin.config.JavalinConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Every error the API answers is JSON, {@code {"error": "...", "code": "..."}}; no stack trace or
 * internal message ever reaches a client.
 */
final class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    static void register(JavalinConfig cfg) {
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500).json(Map.of("error", "internal error", "code", "InternalError"));
        });
        cfg.routes.error(404, ctx -> {
            String type = ctx.res().getContentType();
            if (type == null || !type.startsWith("application/json")) {
                ctx.json(Map.of("error", "no such resource", "code", "NotFound"));
            }
        });
        cfg.routes.error(405, ctx -> ctx.json(Map.of("error", "method not allowed", "code", "MethodNotAllowed")));
    }
}
