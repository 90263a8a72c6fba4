package dev.gannet.api;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Without api.accessToken the API binds to loopback whatever api.host says, and loopback is root. */
class LoopbackWithoutTokenTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api")
            .set(Settings.API_HOST, "0.0.0.0").build();

    @Test
    void bindsLoopbackAndAnswersWithoutAToken() {
        assertThat(gannet.listener("api").address().getAddress().isLoopbackAddress()).isTrue();
        ApiClient api = new ApiClient(gannet.port("api"));
        assertThat(api.get("/users", null).status()).isEqualTo(200);
        TestUser alice = gannet.createUser();
        TestUser bob = gannet.createUser();
        String token = AuthApiTest.login(api, alice.username(), "secret");
        assertThat(api.get("/users/" + alice.id(), token).status()).isEqualTo(200);
        assertThat(api.get("/users/" + bob.id(), token).status()).isEqualTo(403);
        assertThat(api.get("/users/" + alice.id(), "not-a-token").status()).isEqualTo(401);
    }
}
