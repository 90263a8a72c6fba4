package dev.gannet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gannet.core.config.Settings;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.OutboundQueue;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The outbound queue over the API: a user lists and reads their own queued messages with WildDuck-style
 * fields, cancels one (WildDuck's DELETE answers {@code {success: true}}), gets 409 for one being sent and 404
 * for another user's queue id; another user's path is 403 with a user token.
 */
class OutboundApiTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api")
            .set(Settings.API_ACCESS_TOKEN, "root-token").build();

    private static String enqueue(TestUser u, String to) {
        return gannet.store().outbound().enqueue(new OutboundQueue.Request(u.id(), OutboundQueue.Kind.SUBMISSION,
                u.address().toString(), List.of(to), MessageSource.of("Subject: q\r\n\r\nq\r\n".getBytes(StandardCharsets.US_ASCII)),
                null)).block(Duration.ofSeconds(30));
    }

    @Test
    void aUserSeesAndCancelsOnlyTheirOwnQueue() {
        ApiClient api = new ApiClient(gannet.port("api"));
        TestUser alice = gannet.createUser();
        TestUser bob = gannet.createUser();
        String first = enqueue(alice, "one@example.net");
        String second = enqueue(alice, "two@example.net");
        String bobs = enqueue(bob, "three@example.net");
        String token = AuthApiTest.login(api, alice.username(), "secret");
        String base = "/users/" + alice.id().value() + "/outbound";

        ApiClient.Response list = api.get(base, token);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        JsonNode json = list.json();
        assertThat(json.get("success").asBoolean()).isTrue();
        assertThat(json.get("total").asInt()).isEqualTo(2);
        assertThat(json.get("results").get(0).get("queueId").asText()).isEqualTo(first);
        JsonNode item = json.get("results").get(1);
        assertThat(item.get("queueId").asText()).isEqualTo(second);
        assertThat(item.get("kind").asText()).isEqualTo("submission");
        assertThat(item.get("envelope").get("from").asText()).isEqualTo(alice.address().toString());
        assertThat(item.get("envelope").get("to").get(0).asText()).isEqualTo("two@example.net");
        assertThat(item.get("state").asText()).isEqualTo("queued");
        assertThat(item.get("size").asLong()).isEqualTo(17);

        ApiClient.Response one = api.get(base + "/" + first, token);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("envelope").get("to").get(0).asText()).isEqualTo("one@example.net");

        // another user's queue id on one's own path: not found, and not cancelled
        assertThat(api.get(base + "/" + bobs, token).status()).isEqualTo(404);
        assertThat(api.delete(base + "/" + bobs, token).status()).isEqualTo(404);
        // another user's path: forbidden
        assertThat(api.get("/users/" + bob.id().value() + "/outbound", token).status()).isEqualTo(403);
        assertThat(api.delete("/users/" + bob.id().value() + "/outbound/" + bobs, token).status()).isEqualTo(403);
        assertThat(gannet.store().outbound().get(bob.id(), bobs).blockOptional(Duration.ofSeconds(30))).isPresent();

        ApiClient.Response bad = api.delete(base + "/not-a-queue-id", token);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).contains("queueId");

        ApiClient.Response deleted = api.delete(base + "/" + first, token);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().get("success").asBoolean()).isTrue();
        assertThat(api.get(base + "/" + first, token).status()).isEqualTo(404);
        assertThat(api.delete(base + "/" + first, token).status()).isEqualTo(404);
    }

    @Test
    void aMessageBeingSentCannotBeCancelled() {
        ApiClient api = new ApiClient(gannet.port("api"));
        TestUser carol = gannet.createUser();
        String id = enqueue(carol, "busy@example.net");
        List<OutboundQueue.Claimed> claimed = gannet.store().outbound()
                .claim("a-node", Instant.now().plusSeconds(1), Duration.ofMinutes(5), 1000)
                .filter(c -> c.id().equals(id)).collectList().block(Duration.ofSeconds(30));
        assertThat(claimed).hasSize(1);
        ApiClient.Response r = api.delete("/users/" + carol.id().value() + "/outbound/" + id, "root-token");
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(api.get("/users/" + carol.id().value() + "/outbound/" + id, "root-token").json().get("state").asText())
                .isEqualTo("sending");
    }
}
