package dev.gannet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** WildDuck's autoreply routes: default, set, partial change, remove, validation, owner only. */
class AutoreplyApiTest {

    private static final String ROOT = "root-token";

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api").set(Settings.API_ACCESS_TOKEN, ROOT).build();

    private final ApiClient api = new ApiClient(gannet.port("api"));

    @Test
    void autoreplyRoundTripsWithWildDucksFields() {
        TestUser u = gannet.createUser();
        String path = "/users/" + u.id() + "/autoreply";
        JsonNode none = api.get(path, ROOT).json();
        assertThat(none.get("success").asBoolean()).isTrue();
        assertThat(none.get("status").asBoolean()).isFalse();
        assertThat(none.get("subject").asText()).isEmpty();

        ApiClient.Response put = api.put(path, ROOT, "{\"status\":true,\"name\":\"Ann Example\",\"subject\":\"Away\","
                + "\"text\":\"Back on Monday\",\"html\":\"<p>Back on Monday</p>\",\"start\":\"2030-01-01T00:00:00.000Z\","
                + "\"end\":\"2030-01-08T00:00:00Z\"}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("success").asBoolean()).isTrue();
        assertThat(put.json().get("id").asText()).isEqualTo(u.id().value());
        JsonNode a = api.get(path, ROOT).json();
        assertThat(a.get("status").asBoolean()).isTrue();
        assertThat(a.get("name").asText()).isEqualTo("Ann Example");
        assertThat(a.get("subject").asText()).isEqualTo("Away");
        assertThat(a.get("text").asText()).isEqualTo("Back on Monday");
        assertThat(a.get("html").asText()).isEqualTo("<p>Back on Monday</p>");
        assertThat(a.get("start").asText()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(a.get("end").asText()).isEqualTo("2030-01-08T00:00:00Z");

        assertThat(api.put(path, ROOT, "{\"status\":false,\"end\":false}").status()).isEqualTo(200);
        a = api.get(path, ROOT).json();
        assertThat(a.get("status").asBoolean()).isFalse();
        assertThat(a.get("subject").asText()).as("kept").isEqualTo("Away");
        assertThat(a.get("end").isNull()).isTrue();

        assertThat(api.delete(path, ROOT).status()).isEqualTo(200);
        assertThat(api.get(path, ROOT).json().get("subject").asText()).isEmpty();
    }

    @Test
    void badInputNamesTheFieldAndOtherUsersAreRefused() {
        TestUser u = gannet.createUser();
        TestUser other = gannet.createUser();
        String path = "/users/" + u.id() + "/autoreply";
        ApiClient.Response r = api.put(path, ROOT, "{\"start\":\"next week\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("start");
        r = api.put(path, ROOT, "{\"start\":\"2030-01-08T00:00:00Z\",\"end\":\"2030-01-01T00:00:00Z\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("end");
        r = api.put(path, ROOT, "{\"message\":\"old field\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("message");
        r = api.put(path, ROOT, "{\"text\":\"" + "x".repeat(20_000) + "\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("text");

        String token = AuthApiTest.login(api, other.username(), other.password());
        assertThat(api.put(path, token, "{\"status\":true,\"text\":\"hijack\"}").status()).isEqualTo(403);
        assertThat(api.get(path, token).status()).isEqualTo(403);
        assertThat(api.delete(path, token).status()).isEqualTo(403);
        assertThat(api.put("/users/" + other.id() + "/autoreply", token, "{\"status\":true,\"text\":\"mine\"}").status())
                .isEqualTo(200);
        assertThat(api.get(path, ROOT).json().get("status").asBoolean()).isFalse();
    }
}
