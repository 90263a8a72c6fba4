package dev.gannet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gannet.core.config.Settings;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WildDuck's filter routes with WildDuck's JSON: a filter reads back with the fields as written, lists carry the
 * human-readable descriptions, PUT changes and removes single keys, validation names the field, and a user token
 * reaches only its own filters while the root token sees everyone's on GET /filters.
 */
class FilterApiTest {

    private static final String ROOT = "root-token";

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api").set(Settings.API_ACCESS_TOKEN, ROOT).build();

    private final ApiClient api = new ApiClient(gannet.port("api"));

    private static void ok(ApiClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("success").asBoolean()).isTrue();
    }

    private static void error(ApiClient.Response r, int status, String code, String mentions) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("code").asText()).isEqualTo(code);
        assertThat(r.json().get("error").asText()).contains(mentions);
    }

    @Test
    void wildDuckFilterReadsBackAsWritten() throws Exception {
        TestUser u = gannet.createUser();
        Mailbox work = gannet.createMailbox(u, "Work");
        String json = "{\"name\":\"Reports\",\"query\":{\"from\":\"  Alice   Example \",\"to\":\"team@example.com\","
                + "\"subject\":\"report\",\"listId\":\"reports.example.com\",\"text\":\"invoice\",\"ha\":true,\"size\":-5000},"
                + "\"action\":{\"seen\":true,\"flag\":false,\"spam\":false,\"delete\":false,\"mailbox\":\"" + work.id().value()
                + "\",\"targets\":[\"archive@example.net\"]},\"disabled\":false,\"sess\":\"s1\",\"ip\":\"127.0.0.1\"}";
        ApiClient.Response created = api.post("/users/" + u.id() + "/filters", ROOT, json);
        ok(created);
        String id = created.json().get("id").asText();
        assertThat(id).matches("[0-9a-f]{24}");

        JsonNode f = api.get("/users/" + u.id() + "/filters/" + id, ROOT).json();
        assertThat(f.get("success").asBoolean()).isTrue();
        assertThat(f.get("id").asText()).isEqualTo(id);
        assertThat(f.get("name").asText()).isEqualTo("Reports");
        assertThat(f.get("query")).isEqualTo(ApiClient.JSON.readTree("{\"from\":\"Alice Example\",\"to\":\"team@example.com\","
                + "\"subject\":\"report\",\"listId\":\"reports.example.com\",\"text\":\"invoice\",\"ha\":true,\"size\":-5000}"));
        assertThat(f.get("action")).isEqualTo(ApiClient.JSON.readTree("{\"seen\":true,\"flag\":false,\"delete\":false,"
                + "\"spam\":false,\"mailbox\":\"" + work.id().value() + "\",\"targets\":[\"archive@example.net\"]}"));
        assertThat(f.get("disabled").asBoolean()).isFalse();
        assertThat(f.get("created").asText()).endsWith("Z");

        JsonNode list = api.get("/users/" + u.id() + "/filters", ROOT).json();
        assertThat(list.get("results")).hasSize(1);
        JsonNode item = list.get("results").get(0);
        assertThat(item.get("id").asText()).isEqualTo(id);
        assertThat(item.get("query").toString()).contains("[\"from\",\"(Alice Example)\"]").contains("[\"smaller\",\"5000B\"]");
        assertThat(item.get("action").toString()).contains("[\"mark as read\"]").contains("[\"move to folder\",\"Work\"]")
                .contains("[\"forward to\",\"archive@example.net\"]");
    }

    @Test
    void putChangesAndRemovesSingleKeysAndDeleteRemoves() {
        TestUser u = gannet.createUser();
        String base = "/users/" + u.id() + "/filters";
        String id = api.post(base, ROOT, "{\"query\":{\"from\":\"a\",\"subject\":\"b\"},\"action\":{\"seen\":true}}")
                .json().get("id").asText();
        ok(api.put(base + "/" + id, ROOT, "{\"query\":{\"subject\":\"\",\"size\":100},\"action\":{\"flag\":true},\"disabled\":true}"));
        JsonNode f = api.get(base + "/" + id, ROOT).json();
        assertThat(f.get("query").toString()).isEqualTo("{\"from\":\"a\",\"size\":100}");
        assertThat(f.get("action").toString()).isEqualTo("{\"seen\":true,\"flag\":true}");
        assertThat(f.get("disabled").asBoolean()).isTrue();
        assertThat(f.has("name")).isFalse();
        ok(api.put(base + "/" + id, ROOT, "{\"name\":\"named\"}"));
        assertThat(api.get(base + "/" + id, ROOT).json().get("name").asText()).isEqualTo("named");

        ok(api.delete(base + "/" + id, ROOT));
        error(api.get(base + "/" + id, ROOT), 404, "FilterNotFound", "filter");
        error(api.delete(base + "/" + id, ROOT), 404, "FilterNotFound", "filter");
        error(api.put(base + "/" + id, ROOT, "{\"name\":\"x\"}"), 404, "FilterNotFound", "filter");
    }

    @Test
    void badInputIsA400NamingTheField() {
        TestUser u = gannet.createUser();
        TestUser other = gannet.createUser();
        Mailbox othersBox = gannet.createMailbox(other, "Private");
        String base = "/users/" + u.id() + "/filters";
        error(api.post(base, ROOT, "{\"query\":{\"form\":\"x\"}}"), 400, "InputValidationError", "query.form");
        error(api.post(base, ROOT, "{\"query\":{\"size\":\"big\"}}"), 400, "InputValidationError", "query.size");
        error(api.post(base, ROOT, "{\"query\":{\"ha\":\"yes\"}}"), 400, "InputValidationError", "query.ha");
        error(api.post(base, ROOT, "{\"query\":{\"subject\":\"" + "x".repeat(256) + "\"}}"), 400, "InputValidationError",
                "query.subject");
        error(api.post(base, ROOT, "{\"action\":{\"targets\":[\"smtp://mx.example.com:25\"]}}"), 400,
                "InputValidationError", "action.targets");
        error(api.post(base, ROOT, "{\"action\":{\"targets\":[\"not an address\"]}}"), 400, "InputValidationError",
                "action.targets");
        error(api.post(base, ROOT, "{\"action\":{\"seen\":1}}"), 400, "InputValidationError", "action.seen");
        error(api.post(base, ROOT, "{\"disabled\":\"no\"}"), 400, "InputValidationError", "disabled");
        error(api.post(base, ROOT, "[]"), 400, "InputValidationError", "object");
        error(api.post(base, ROOT, "{\"action\":{\"mailbox\":\"" + othersBox.id().value() + "\"}}"), 404, "NoSuchMailbox",
                "action.mailbox");
        assertThat(api.get(base, ROOT).json().get("results")).isEmpty();
    }

    @Test
    void aUserTokenReachesOnlyItsOwnFiltersAndRootSeesAll() {
        TestUser alice = gannet.createUser();
        TestUser bob = gannet.createUser();
        String aliceToken = AuthApiTest.login(api, alice.username(), alice.password());
        String bobToken = AuthApiTest.login(api, bob.username(), bob.password());
        String aliceFilter = api.post("/users/" + alice.id() + "/filters", aliceToken, "{\"query\":{\"from\":\"x\"},"
                + "\"action\":{\"delete\":true}}").json().get("id").asText();
        String bobFilter = api.post("/users/" + bob.id() + "/filters", bobToken, "{\"action\":{\"flag\":true}}")
                .json().get("id").asText();

        assertThat(api.get("/users/" + alice.id() + "/filters", bobToken).status()).isEqualTo(403);
        assertThat(api.get("/users/" + alice.id() + "/filters/" + aliceFilter, bobToken).status()).isEqualTo(403);
        assertThat(api.put("/users/" + alice.id() + "/filters/" + aliceFilter, bobToken, "{\"disabled\":true}").status())
                .isEqualTo(403);
        assertThat(api.delete("/users/" + alice.id() + "/filters/" + aliceFilter, bobToken).status()).isEqualTo(403);
        // bob's own path with alice's filter id: not found, and alice's filter is untouched
        error(api.get("/users/" + bob.id() + "/filters/" + aliceFilter, bobToken), 404, "FilterNotFound", "filter");
        error(api.delete("/users/" + bob.id() + "/filters/" + aliceFilter, bobToken), 404, "FilterNotFound", "filter");
        assertThat(api.get("/users/" + alice.id() + "/filters/" + aliceFilter, aliceToken).json().get("action").toString())
                .isEqualTo("{\"delete\":true}");
        assertThat(api.get("/filters", bobToken).status()).isEqualTo(403);

        java.util.Map<String, String> owners = new java.util.HashMap<>();
        String next = null;
        for (int guard = 0; guard < 100; guard++) {
            JsonNode page = api.get("/filters?limit=1" + (next == null ? "" : "&next=" + next), ROOT).json();
            assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(2);
            page.get("results").forEach(r -> owners.put(r.get("id").asText(), r.get("user").asText()));
            if (page.get("nextCursor").isNull()) {
                break;
            }
            next = page.get("nextCursor").asText();
        }
        assertThat(owners).containsEntry(aliceFilter, alice.id().value()).containsEntry(bobFilter, bob.id().value());
        error(api.get("/filters?next=bogus", ROOT), 400, "InputValidationError", "next");
    }
}
