package dev.gannet.api;

import dev.gannet.api.auth.Authenticator;
import dev.gannet.core.metrics.Meters;
import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every REST route, registered with Javalin from this one list (the OpenAPI document is built from the
 * same list). Each request is authenticated for its route's {@link Access} before the handler runs and
 * timed as {@code gannet.commands{protocol=api, command=METHOD path}}, the same meter the protocol
 * servers use for their commands.
 */
public final class RouteTable {

    private final List<Route> routes = new ArrayList<>();

    public RouteTable add(Route route) {
        for (Route r : routes) {
            if (r.method() == route.method() && r.path().equals(route.path())) {
                throw new IllegalStateException("route registered twice: " + route.method() + " " + route.path());
            }
        }
        routes.add(route);
        return this;
    }

    public RouteTable addAll(List<Route> more) {
        more.forEach(this::add);
        return this;
    }

    public List<Route> routes() {
        return Collections.unmodifiableList(routes);
    }

    public void register(JavalinConfig cfg, Authenticator auth, ApiLimits limits, MeterRegistry metrics) {
        for (Route r : routes) {
            Timer timer = Meters.command(metrics, "api", r.method().name() + " " + r.path());
            cfg.routes.addHttpHandler(r.method(), r.path(), ctx -> {
                long start = System.nanoTime();
                try {
                    Principal p = auth.authenticate(ctx, r);
                    Object result = r.handler().handle(new Call(ctx, p, limits));
                    if (result != null) {
                        ctx.status(r.status()).json(result);
                    }
                } finally {
                    timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
                }
            });
        }
    }
}
