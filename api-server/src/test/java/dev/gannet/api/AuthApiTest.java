package dev.gannet.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AuthApiTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api")
            .set(Settings.API_ACCESS_TOKEN, "root-token").build();

    private ApiClient api() {
        return new ApiClient(gannet.port("api"));
    }

    static String login(ApiClient api, String username, String password) {
        ApiClient.Response r = api.post("/authenticate", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("token").asText();
    }

    @Test
    void rootTokenIsRequiredAndCheckedInEveryForm() {
        TestUser u = gannet.createUser();
        ApiClient.Response none = api().get("/users/" + u.id(), null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("code").asText()).isEqualTo("AuthFailed");
        assertThat(api().get("/users/" + u.id(), "wrong").status()).isEqualTo(401);
        assertThat(api().get("/users/" + u.id(), "root-token").status()).isEqualTo(200);
        ApiClient.Response bearer = api().send(HttpRequest.newBuilder(api().uri("/users/" + u.id()))
                .header("Authorization", "Bearer root-token").build());
        assertThat(bearer.status()).isEqualTo(200);
        assertThat(api().get("/users/" + u.id() + "?accessToken=root-token", null).status()).isEqualTo(200);
        assertThat(api().get("/health", null).status()).isEqualTo(200);
        assertThat(api().get("/openapi.json", null).status()).isEqualTo(200);
    }

    @Test
    void userTokenReachesOnlyItsOwnUser() {
        TestUser alice = gannet.createUser();
        TestUser bob = gannet.createUser();
        String token = login(api(), alice.username(), "secret");
        JsonNode me = api().get("/users/" + alice.id(), token).json();
        assertThat(me.get("username").asText()).isEqualTo(alice.username());

        ApiClient.Response other = api().get("/users/" + bob.id(), token);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().get("code").asText()).isEqualTo("Forbidden");
        assertThat(api().get("/users", token).status()).isEqualTo(403);
        assertThat(api().post("/users", token, "{\"username\":\"x\",\"password\":\"y\"}").status()).isEqualTo(403);
        assertThat(api().get("/metrics", token).status()).isEqualTo(403);
        assertThat(api().delete("/users/" + alice.id(), token).status()).isEqualTo(403);
        assertThat(api().put("/users/" + alice.id(), token, "{\"quota\":1}").status()).isEqualTo(403);
        assertThat(api().put("/users/" + alice.id(), token, "{\"name\":\"Alice\"}").status()).isEqualTo(200);
    }

    @Test
    void wrongPasswordIs401AndCounted() {
        TestUser u = gannet.createUser();
        ApiClient.Response r = api().post("/authenticate", null,
                "{\"username\":\"" + u.username() + "\",\"password\":\"nope\"}");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("{\"error\":\"authentication failed\",\"code\":\"AuthFailed\"}");
        ApiClient.Response unknown = api().post("/authenticate", null, "{\"username\":\"nobody-here\",\"password\":\"x\"}");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(api().get("/metrics", "root-token").body()).contains("gannet_auth_failures_total{protocol=\"api\"}");
    }

    @Test
    void repeatedFailuresAreRateLimitedPerUsername() {
        TestUser u = gannet.createUser();
        String wrong = "{\"username\":\"" + u.username() + "\",\"password\":\"nope\"}";
        for (int i = 0; i < 10; i++) {
            assertThat(api().post("/authenticate", null, wrong).status()).isEqualTo(401);
        }
        ApiClient.Response limited = api().post("/authenticate", null,
                "{\"username\":\"" + u.username().toUpperCase() + "\",\"password\":\"secret\"}");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("code").asText()).isEqualTo("RateLimited");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        TestUser other = gannet.createUser();
        login(api(), other.username(), "secret");
    }

    @Test
    void revokedTokenStopsWorking() {
        TestUser u = gannet.createUser();
        String token = login(api(), u.username(), "secret");
        assertThat(api().delete("/authenticate", token).status()).isEqualTo(200);
        assertThat(api().get("/users/" + u.id(), token).status()).isEqualTo(401);
        assertThat(api().delete("/authenticate", "root-token").status()).isEqualTo(400);
    }

    @Test
    void passwordChangeRevokesEveryTokenOfThatUserOnly() {
        TestUser u = gannet.createUser();
        TestUser other = gannet.createUser();
        String t1 = login(api(), u.username(), "secret");
        String t2 = login(api(), u.username(), "secret");
        String otherToken = login(api(), other.username(), "secret");
        assertThat(api().put("/users/" + u.id(), t1, "{\"password\":\"new-secret\"}").status()).isEqualTo(200);
        assertThat(api().get("/users/" + u.id(), t1).status()).isEqualTo(401);
        assertThat(api().get("/users/" + u.id(), t2).status()).isEqualTo(401);
        assertThat(api().get("/users/" + other.id(), otherToken).status()).isEqualTo(200);
        String fresh = login(api(), u.username(), "new-secret");
        assertThat(api().get("/users/" + u.id(), fresh).status()).isEqualTo(200);
    }

    @Test
    void disabledUsersTokenStopsWorking() {
        TestUser u = gannet.createUser();
        String token = login(api(), u.username(), "secret");
        assertThat(api().put("/users/" + u.id(), "root-token", "{\"disabled\":true}").status()).isEqualTo(200);
        assertThat(api().get("/users/" + u.id(), token).status()).isEqualTo(401);
        assertThat(api().post("/authenticate", null,
                "{\"username\":\"" + u.username() + "\",\"password\":\"secret\"}").status()).isEqualTo(401);
    }

    @Test
    void tokenIsStoredHashedWithTheConfiguredLifetime() {
        TestUser u = gannet.createUser();
        String token = login(api(), u.username(), "secret");
        var cache = gannet.context().coordination().cache();
        assertThat(cache.getString("api:token:" + token).block(Duration.ofSeconds(5))).isNull();
        assertThat(cache.getString("api:token:" + dev.gannet.api.auth.TokenStore.hash(token)).block(Duration.ofSeconds(5)))
                .startsWith(u.id().value() + ":").doesNotContain(token);
    }
}
