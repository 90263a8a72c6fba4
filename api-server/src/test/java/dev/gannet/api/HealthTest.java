package dev.gannet.api;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.RedisServer;
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

    @Test
    void healthReportsRedisWhenConfigured() throws Exception {
        String redis = RedisServer.shared().uri();
        try (GannetExtension withRedis = GannetExtension.builder().roles("api").set(Settings.REDIS_URI, redis).build()) {
            withRedis.start();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + withRedis.port("api") + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"coordination\":{\"kind\":\"redis\",\"reachable\":true");
        }
    }
}
