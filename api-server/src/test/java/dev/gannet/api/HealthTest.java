package dev.gannet.api;

import dev.gannet.core.testing.GannetExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class HealthTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api").build();

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gannet.port("api") + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthReportsStoreAndCoordinationReachable() throws Exception {
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("\"healthy\":true")
                .contains("\"store\":{\"kind\":\"embedded\",\"reachable\":true")
                .contains("\"coordination\":{\"kind\":\"in-jvm\",\"reachable\":true")
                .contains("\"roles\":[\"api\"]");
    }

    @Test
    void unknownPathIsJson404() throws Exception {
        HttpResponse<String> r = get("/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("{\"error\":\"no such resource\",\"code\":\"NotFound\"}");
    }
}
