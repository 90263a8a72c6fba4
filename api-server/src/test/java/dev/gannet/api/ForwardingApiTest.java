package dev.gannet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gannet.core.config.Settings;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.Resolution;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WildDuck's user {@code targets} and {@code forwards} fields and its forwarded addresses: round trips, relay and
 * HTTP targets refused, the limit root-only, a forwarded address sharing the address space with users' addresses.
 */
class ForwardingApiTest {

    private static final String ROOT = "root-token";

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api").set(Settings.API_ACCESS_TOKEN, ROOT)
            .set(Settings.RULES_FORWARDS_PER_DAY, 77).build();

    private final ApiClient api = new ApiClient(gannet.port("api"));

    @Test
    void userTargetsRoundTripAndOnlyRootSetsTheLimit() {
        String name = "fw" + System.nanoTime();
        ApiClient.Response created = api.post("/users", ROOT, "{\"username\":\"" + name + "\",\"password\":\"pw-123456\","
                + "\"targets\":[\"Copy@Example.com\"],\"forwards\":5}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.json().get("id").asText();
        JsonNode user = api.get("/users/" + id, ROOT).json();
        assertThat(user.get("targets").toString()).isEqualTo("[\"Copy@example.com\"]");
        assertThat(user.get("limits").get("forwards").get("allowed").asLong()).isEqualTo(5);
        assertThat(user.get("limits").get("forwards").get("used").asLong()).isZero();

        String token = AuthApiTest.login(api, name, "pw-123456");
        ApiClient.Response own = api.put("/users/" + id, token, "{\"targets\":[\"a@example.net\",\"b@example.net\"]}");
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(api.get("/users/" + id, token).json().get("targets")).hasSize(2);
        assertThat(api.put("/users/" + id, token, "{\"forwards\":100000}").status()).isEqualTo(403);
        ApiClient.Response relay = api.put("/users/" + id, token, "{\"targets\":[\"smtp://mx.example.com:25\"]}");
        assertThat(relay.status()).isEqualTo(400);
        assertThat(relay.json().get("error").asText()).contains("targets").contains("e-mail addresses only");
        assertThat(api.put("/users/" + id, token, "{\"targets\":[\"https://hooks.example.com/x\"]}").status()).isEqualTo(400);
        assertThat(api.put("/users/" + id, ROOT, "{\"targets\":[],\"forwards\":0}").status()).isEqualTo(200);
        user = api.get("/users/" + id, ROOT).json();
        assertThat(user.get("targets")).isEmpty();
        assertThat(user.get("limits").get("forwards").get("allowed").asLong()).as("the default").isEqualTo(77);

        TestUser other = gannet.createUser();
        String otherToken = AuthApiTest.login(api, other.username(), other.password());
        assertThat(api.put("/users/" + id, otherToken, "{\"targets\":[\"thief@example.net\"]}").status()).isEqualTo(403);
        assertThat(api.get("/users/" + id, ROOT).json().get("targets")).isEmpty();
        ApiClient.Response bad = api.post("/users", ROOT, "{\"username\":\"x" + name + "\",\"password\":\"pw-123456\","
                + "\"targets\":[\"http://example.com\"]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(api.get("/users?query=x" + name, ROOT).json().get("total").asLong()).as("nothing created").isZero();
    }

    @Test
    void forwardedAddressesRoundTripAndShareTheAddressSpace() {
        TestUser u = gannet.createUser();
        String domain = "fwd" + System.nanoTime() + ".test";
        String address = "list@" + domain;
        ApiClient.Response created = api.post("/addresses/forwarded", ROOT, "{\"address\":\"" + address + "\",\"name\":\"List\","
                + "\"targets\":[\"one@example.net\",\"two@example.net\"],\"forwards\":10,\"tags\":[\"Team\"],"
                + "\"autoreply\":{\"status\":true,\"subject\":\"Thanks\",\"text\":\"Got it\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.json().get("id").asText();
        assertThat(id).matches("[0-9a-f]{24}");

        JsonNode a = api.get("/addresses/forwarded/" + id, ROOT).json();
        assertThat(a.get("address").asText()).isEqualTo(address);
        assertThat(a.get("name").asText()).isEqualTo("List");
        assertThat(a.get("targets").toString()).isEqualTo("[\"one@example.net\",\"two@example.net\"]");
        assertThat(a.get("limits").get("forwards").get("allowed").asLong()).isEqualTo(10);
        assertThat(a.get("autoreply").get("subject").asText()).isEqualTo("Thanks");
        assertThat(a.get("tags").toString()).isEqualTo("[\"team\"]");
        assertThat(a.get("forwardedDisabled").asBoolean()).isFalse();
        assertThat(api.get("/addresses/forwarded/" + address.toUpperCase(), ROOT).json().get("id").asText()).isEqualTo(id);

        Resolution r = gannet.store().addresses().resolve(EmailAddress.parse(address)).block(Duration.ofSeconds(10));
        assertThat(r.kind()).isEqualTo(Resolution.Kind.FORWARDED);

        ApiClient.Response taken = api.post("/users/" + u.id() + "/addresses", ROOT, "{\"address\":\"" + address + "\"}");
        assertThat(taken.status()).isEqualTo(409);
        ApiClient.Response again = api.post("/addresses/forwarded", ROOT, "{\"address\":\"" + u.address() + "\",\"targets\":[\"x@example.net\"]}");
        assertThat(again.status()).as("a user's address").isEqualTo(409);

        assertThat(api.put("/addresses/forwarded/" + id, ROOT, "{\"targets\":[\"three@example.net\"],\"forwardedDisabled\":true}")
                .status()).isEqualTo(200);
        a = api.get("/addresses/forwarded/" + id, ROOT).json();
        assertThat(a.get("targets").toString()).isEqualTo("[\"three@example.net\"]");
        assertThat(a.get("forwardedDisabled").asBoolean()).isTrue();
        assertThat(a.get("name").asText()).as("kept").isEqualTo("List");
        ApiClient.Response rename = api.put("/addresses/forwarded/" + id, ROOT, "{\"address\":\"other@" + domain + "\"}");
        assertThat(rename.status()).isEqualTo(400);
        assertThat(rename.json().get("error").asText()).contains("address");

        assertThat(api.post("/addresses/forwarded", ROOT, "{\"address\":\"x@" + domain + "\",\"targets\":[\"smtp://relay:25\"]}")
                .status()).isEqualTo(400);
        assertThat(api.post("/addresses/forwarded", ROOT, "{\"address\":\"y@" + domain + "\",\"targets\":[]}").status()).isEqualTo(400);
        assertThat(api.post("/addresses/forwarded", ROOT, "{\"address\":\"*@" + domain + "\",\"targets\":[\"a@example.net\"]}")
                .status()).as("a wildcard needs allowWildcard").isEqualTo(400);

        String token = AuthApiTest.login(api, u.username(), u.password());
        assertThat(api.get("/addresses/forwarded/" + id, token).status()).isEqualTo(403);
        assertThat(api.delete("/addresses/forwarded/" + id, token).status()).isEqualTo(403);
        assertThat(api.post("/addresses/forwarded", token, "{\"address\":\"z@" + domain + "\",\"targets\":[\"a@example.net\"]}")
                .status()).isEqualTo(403);

        assertThat(api.delete("/addresses/forwarded/" + id, ROOT).status()).isEqualTo(200);
        assertThat(api.get("/addresses/forwarded/" + id, ROOT).status()).isEqualTo(404);
        assertThat(gannet.store().addresses().resolve(EmailAddress.parse(address)).blockOptional(Duration.ofSeconds(10))).isEmpty();
    }
}
