package dev.gannet.api.openapi;

import dev.gannet.api.Access;
import dev.gannet.api.Route;
import dev.gannet.api.RouteTable;

import java.util.Map;

/** {@code GET /openapi.json}: the OpenAPI document of every route in the table, this one included. */
public final class OpenApiRoutes {

    private OpenApiRoutes() {
    }

    public static Route route(RouteTable table, String version) {
        return Route.get("/openapi.json").access(Access.PUBLIC).doc("operations", "This OpenAPI 3 document")
                .returns(Map.class).handle(call -> OpenApiDocument.build(table.routes(), version));
    }
}
