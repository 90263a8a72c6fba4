package dev.gannet.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The document at /openapi.json and the routes Javalin actually has must be the same set: a route
 * without documentation, or documentation without a route, fails here. Every path parameter is
 * documented and every schema reference resolves.
 */
class OpenApiTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api")
            .set(Settings.API_ACCESS_TOKEN, "root-token").build();

    private static final Set<HandlerType> VERBS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.DELETE, HandlerType.PATCH, HandlerType.HEAD, HandlerType.OPTIONS);

    private Set<String> javalinRoutes() {
        try (ApiServer server = new ApiServer(gannet.context())) {
            Javalin app = server.javalin("127.0.0.1", 0);
            Set<String> out = new TreeSet<>();
            app.unsafe.internalRouter.allHttpHandlers().forEach(pe -> {
                if (VERBS.contains(pe.endpoint.method)) {
                    out.add(pe.endpoint.method.name() + " " + pe.endpoint.path);
                }
            });
            return out;
        }
    }

    private JsonNode document() {
        ApiClient.Response r = new ApiClient(gannet.port("api")).get("/openapi.json", null);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    @Test
    void documentAndRegisteredRoutesAreTheSameSet() {
        JsonNode doc = document();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey())));
        Set<String> registered = javalinRoutes();
        assertThat(registered).hasSizeGreaterThan(25);
        assertThat(documented).isEqualTo(registered);
    }

    @Test
    void everyPathParameterIsDocumentedAndEveryReferenceResolves() {
        JsonNode doc = document();
        Pattern param = Pattern.compile("\\{([^}]+)}");
        List<String> refs = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            Set<String> inPath = new TreeSet<>();
            Matcher m = param.matcher(p.getKey());
            while (m.find()) {
                inPath.add(m.group(1));
            }
            Set<String> declared = new TreeSet<>();
            JsonNode params = op.getValue().get("parameters");
            if (params != null) {
                params.forEach(x -> {
                    if (x.get("in").asText().equals("path")) {
                        declared.add(x.get("name").asText());
                    }
                });
            }
            assertThat(declared).as(op.getKey() + " " + p.getKey()).isEqualTo(inPath);
            assertThat(op.getValue().get("responses").size()).isGreaterThanOrEqualTo(2);
            collectRefs(op.getValue(), refs);
        }));
        collectRefs(doc.get("components").get("schemas"), refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            String name = ref.substring("#/components/schemas/".length());
            assertThat(doc.get("components").get("schemas").has(name)).as(ref).isTrue();
        }
        JsonNode search = doc.get("paths").get("/users/{user}/search").get("get");
        assertThat(search.get("parameters").toString()).contains("\"from\"").contains("\"datestart\"");
        JsonNode create = doc.get("components").get("schemas").get("CreateUser").get("properties");
        assertThat(create.get("quota").get("type").asText()).isEqualTo("integer");
        assertThat(create.get("hashedPassword").get("type").asText()).isEqualTo("boolean");
    }

    private static void collectRefs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (n.equals("$ref")) {
                    out.add(node.get(n).asText());
                } else {
                    collectRefs(node.get(n), out);
                }
            }
        } else if (node.isArray()) {
            node.forEach(c -> collectRefs(c, out));
        }
    }
}
