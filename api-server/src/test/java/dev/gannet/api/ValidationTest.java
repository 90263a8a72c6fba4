package dev.gannet.api;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.Messages;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ValidationTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api")
            .set(Settings.API_ACCESS_TOKEN, "root-token")
            .set(Settings.API_MAX_BODY_BYTES, 1024L)
            .set(Settings.STORE_MAX_MESSAGE_BYTES, 8192L).build();

    private ApiClient.Response post(String path, String json) {
        return new ApiClient(gannet.port("api")).post(path, "root-token", json);
    }

    private static void assertError(ApiClient.Response r, int status, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("error").asText()).isEqualTo(message);
        assertThat(r.json().size()).isEqualTo(2);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("jackson").doesNotContain("\tat ");
    }

    @Test
    void badJsonWrongTypesUnknownAndDuplicateFieldsNameTheField() {
        assertError(post("/users", "{\"username\": \"a\", "), 400, "the body is not valid JSON");
        assertError(post("/users", "[1,2]"), 400, "the body must be a JSON object");
        assertError(post("/users", ""), 400, "a JSON body is required");
        assertError(post("/users", "{\"username\":\"a\",\"password\":\"b\",\"quota\":\"10\"}"), 400, "field quota has the wrong type");
        assertError(post("/users", "{\"username\":\"a\",\"password\":\"b\",\"quota\":1.5}"), 400, "field quota has the wrong type");
        assertError(post("/users", "{\"username\":\"a\",\"password\":\"b\",\"hashedPassword\":1}"), 400,
                "field hashedPassword has the wrong type");
        assertError(post("/users", "{\"username\":\"a\",\"password\":\"b\",\"admin\":true}"), 400, "unknown field admin");
        assertError(post("/users", "{\"username\":\"a\",\"username\":\"b\",\"password\":\"b\"}"), 400,
                "field username is given twice");
        assertError(post("/users", "{\"username\":\"a b\",\"password\":\"b\"}"), 400,
                "username: username must not contain spaces or control characters");
        assertError(post("/users", "{\"password\":\"b\"}"), 400, "field username is required");
        assertError(post("/users", "{\"username\":\"a\",\"password\":\"b\",\"quota\":-1}"), 400,
                "quota: quota must not be negative");
        assertError(post("/users", "{\"username\":\"a\",\"password\":\"b\"} trailing"), 400, "the body is not valid JSON");
    }

    @Test
    void oversizedBodiesAre413BeforeBeingRead() {
        String big = "{\"username\":\"a\",\"password\":\"" + "x".repeat(2000) + "\"}";
        ApiClient.Response r = post("/users", big);
        assertError(r, 413, "the request body exceeds 1024 bytes");
        assertThat(r.json().get("code").asText()).isEqualTo("TooBig");
        TestUser u = gannet.createUser();
        String path = "/users/" + u.id() + "/mailboxes/" + gannet.mailbox(u, "INBOX").id() + "/messages";
        byte[] msg = Messages.simple("big", "y".repeat(9000));
        ApiClient.Response up = new ApiClient(gannet.port("api")).send("POST", path, "root-token", "message/rfc822", msg);
        assertError(up, 413, "the request body exceeds 8192 bytes");
        byte[] ok = Messages.simple("small", "fits");
        assertThat(new ApiClient(gannet.port("api")).send("POST", path, "root-token", "message/rfc822", ok).status())
                .isEqualTo(200);
    }

    @Test
    void unknownRoutesAndMethodsAreJson() {
        ApiClient api = new ApiClient(gannet.port("api"));
        ApiClient.Response r = api.get("/users/x/nothing-here", "root-token");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("code").asText()).isEqualTo("NotFound");
        ApiClient.Response m = api.send("PATCH", "/users", "root-token", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(m.status()).isIn(404, 405);
        assertThat(m.json().has("code")).isTrue();
    }
}
