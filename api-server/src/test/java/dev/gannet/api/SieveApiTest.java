package dev.gannet.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /users/{user}/sieve}: the user's Sieve scripts, stored, listed, activated and deleted over HTTP. */
class SieveApiTest {

    private static final String ROOT = "root-token";

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api")
            .set(Settings.API_ACCESS_TOKEN, ROOT)
            .set(Settings.MANAGESIEVE_MAX_SCRIPT_SIZE, 200L).build();

    private final ApiClient api = new ApiClient(gannet.port("api"));

    private static String base(TestUser u) {
        return "/users/" + u.id().value() + "/sieve";
    }

    @Test
    void storesListsActivatesAndDeletes() {
        TestUser u = gannet.createUser();
        String script = "require \"fileinto\";\r\nfileinto \"Archive\";\r\n";
        ApiClient.Response put = api.put(base(u) + "/rules", ROOT, "{\"script\":" + ApiClient.JSON.valueToTree(script) + "}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("active").asBoolean()).isFalse();
        assertThat(api.put(base(u) + "/other", ROOT, "{\"script\":\"keep;\"}").status()).isEqualTo(200);

        JsonNode list = api.get(base(u), ROOT).json();
        assertThat(list.get("active").isNull()).isTrue();
        assertThat(list.get("results")).hasSize(2);
        assertThat(list.get("results").get(1).get("name").asText()).isEqualTo("rules");
        assertThat(list.get("results").get(1).get("size").asLong()).isEqualTo(script.length());

        assertThat(api.put(base(u) + "/rules/active", ROOT, "{}").status()).isEqualTo(200);
        assertThat(api.get(base(u), ROOT).json().get("active").asText()).isEqualTo("rules");
        assertThat(gannet.store().sieve().active(u.id()).block().source()).isEqualTo(script);
        JsonNode one = api.get(base(u) + "/rules", ROOT).json();
        assertThat(one.get("script").asText()).isEqualTo(script);
        assertThat(one.get("active").asBoolean()).isTrue();

        ApiClient.Response activeDelete = api.delete(base(u) + "/rules", ROOT);
        assertThat(activeDelete.status()).isEqualTo(409);
        assertThat(activeDelete.json().get("code").asText()).isEqualTo("ScriptActive");
        assertThat(api.put(base(u) + "/rules", ROOT, "{\"script\":\"keep;\"}").json().get("active").asBoolean())
                .as("replacing keeps the active state").isTrue();
        assertThat(api.delete(base(u) + "/other/active", ROOT).status()).as("not the active one: nothing to do").isEqualTo(200);
        assertThat(api.get(base(u), ROOT).json().get("active").asText()).isEqualTo("rules");
        assertThat(api.delete(base(u) + "/rules/active", ROOT).status()).isEqualTo(200);
        assertThat(gannet.store().sieve().active(u.id()).block()).isNull();
        assertThat(api.delete(base(u) + "/rules", ROOT).status()).isEqualTo(200);
        assertThat(api.get(base(u) + "/rules", ROOT).status()).isEqualTo(404);
        assertThat(api.delete(base(u) + "/rules", ROOT).status()).isEqualTo(404);
        assertThat(api.put(base(u) + "/rules/active", ROOT, "{}").status()).isEqualTo(404);
    }

    @Test
    void namesAndScriptsAreValidated() {
        TestUser u = gannet.createUser();
        String encoded = URLEncoder.encode("Règles d'été", StandardCharsets.UTF_8).replace("+", "%20");
        assertThat(api.put(base(u) + "/" + encoded, ROOT, "{\"script\":\"keep;\"}").status()).isEqualTo(200);
        assertThat(gannet.store().sieve().get(u.id(), "Règles d'été").block()).isNotNull();

        ApiClient.Response control = api.put(base(u) + "/a%01b", ROOT, "{\"script\":\"keep;\"}");
        assertThat(control.status()).isEqualTo(400);
        assertThat(control.json().get("error").asText()).startsWith("name: ");
        ApiClient.Response missing = api.put(base(u) + "/x", ROOT, "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").asText()).isEqualTo("field script is required");
        ApiClient.Response big = api.put(base(u) + "/x", ROOT, "{\"script\":\"" + "#".repeat(201) + "\"}");
        assertThat(big.status()).isEqualTo(413);
        assertThat(api.get("/users/" + u.id().value() + "/sieve/x", ROOT).status()).isEqualTo(404);

        ApiClient.Response invalid = api.put(base(u) + "/x", ROOT, "{\"script\":\"keep;\\nfileinto \\\"X\\\";\\n\"}");
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
        assertThat(invalid.json().get("code").asText()).isEqualTo("ScriptError");
        assertThat(invalid.json().get("errors").get(0).asText()).startsWith("line 2: ");
        assertThat(gannet.store().sieve().get(u.id(), "x").block()).isNull();
    }

    @Test
    void aUserTokenReachesOnlyItsOwnScripts() {
        TestUser alice = gannet.createUser();
        TestUser bob = gannet.createUser();
        gannet.store().sieve().put(bob.id(), "bob", "keep;").block();
        String token = AuthApiTest.login(api, alice.username(), "secret");
        assertThat(api.put(base(alice) + "/mine", token, "{\"script\":\"keep;\"}").status()).isEqualTo(200);
        assertThat(api.get(base(alice), token).json().get("results")).hasSize(1);
        assertThat(api.get(base(bob), token).status()).isEqualTo(403);
        assertThat(api.get(base(bob) + "/bob", token).status()).isEqualTo(403);
        assertThat(api.put(base(bob) + "/bob/active", token, "{}").status()).isEqualTo(403);
        assertThat(api.delete(base(bob) + "/bob", token).status()).isEqualTo(403);
        assertThat(gannet.store().sieve().list(bob.id()).collectList().block()).hasSize(1);
        assertThat(gannet.store().sieve().active(bob.id()).block()).isNull();
    }
}
