package dev.gannet.api.openapi;

import dev.gannet.api.Access;
import dev.gannet.api.ErrorBody;
import dev.gannet.api.Route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the OpenAPI 3.0 document from the route table: one operation per route with its path and query
 * parameters, request body, success response and the shared error response. Bodies are described by
 * {@link Schemas} from the records the handlers use, so the document says what the code does.
 */
public final class OpenApiDocument {

    private OpenApiDocument() {
    }

    public static Map<String, Object> build(List<Route> routes, String version) {
        Schemas schemas = new Schemas();
        Map<String, Object> paths = new LinkedHashMap<>();
        Map<String, Object> errorRef = schemas.of(ErrorBody.class);
        for (Route r : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>());
            item.put(r.method().name().toLowerCase(Locale.ROOT), operation(r, schemas, errorRef));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "Gannet REST API", "version", version,
                "description", "Management API of the Gannet mail server; WildDuck-compatible where the resource exists there."));
        doc.put("paths", paths);
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("schemas", schemas.definitions());
        components.put("securitySchemes", Map.of(
                "accessToken", Map.of("type", "apiKey", "in", "header", "name", "X-Access-Token"),
                "bearer", Map.of("type", "http", "scheme", "bearer")));
        doc.put("components", components);
        return doc;
    }

    private static Map<String, Object> operation(Route r, Schemas schemas, Map<String, Object> errorRef) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("tags", List.of(r.tag()));
        op.put("summary", r.summary());
        op.put("operationId", r.method().name().toLowerCase(Locale.ROOT) + r.path().replaceAll("[^A-Za-z0-9]+", "_"));
        List<Object> params = new ArrayList<>();
        for (String p : r.pathParams()) {
            params.add(Map.of("name", p, "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        for (Route.Param q : r.query()) {
            params.add(Map.of("name", q.name(), "in", "query", "required", false, "description", q.description(),
                    "schema", Map.of("type", q.type())));
        }
        if (!params.isEmpty()) {
            op.put("parameters", params);
        }
        if (r.requestBody() != null) {
            op.put("requestBody", Map.of("required", true, "content",
                    Map.of(r.requestMediaType(), Map.of("schema", schemas.of(r.requestBody())))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("description", "success");
        if (r.responseBody() != null) {
            ok.put("content", Map.of(r.responseMediaType(), Map.of("schema", schemas.of(r.responseBody()))));
        }
        responses.put(Integer.toString(r.status()), ok);
        responses.put("default", Map.of("description", "error", "content",
                Map.of("application/json", Map.of("schema", errorRef))));
        op.put("responses", responses);
        if (r.access() == Access.PUBLIC) {
            op.put("security", List.of());
        } else {
            op.put("security", List.of(Map.of("accessToken", List.of()), Map.of("bearer", List.of())));
        }
        return op;
    }
}
