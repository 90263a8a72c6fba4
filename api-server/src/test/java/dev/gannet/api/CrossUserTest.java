package dev.gannet.api;

import dev.gannet.core.config.Settings;
import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.Messages;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user token against every route of the table that takes a user: with another user's ids it is always
 * 403; with its own user id but another user's mailbox it is always 404; and the other user's data is
 * unchanged afterwards. The routes come from the table itself, so a new route is covered automatically.
 */
class CrossUserTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api")
            .set(Settings.API_ACCESS_TOKEN, "root-token").build();

    private List<Route> routes() {
        try (ApiServer server = new ApiServer(gannet.context())) {
            return server.table().routes();
        }
    }

    @Test
    void userTokenNeverReachesAnotherUsersData() {
        ApiClient api = new ApiClient(gannet.port("api"));
        TestUser alice = gannet.createUser();
        TestUser bob = gannet.createUser();
        Mailbox bobInbox = gannet.mailbox(bob, "INBOX");
        Mailbox aliceInbox = gannet.mailbox(alice, "INBOX");
        gannet.store().messages().append(new AppendRequest(bob.id(), bobInbox.id(),
                MessageSource.of(Messages.simple("private", "bob's secret")), Flags.NONE, null,
                AppendRequest.Origin.INTERNAL)).block(Duration.ofSeconds(30));
        String token = AuthApiTest.login(api, alice.username(), "secret");
        int checked = 0;
        for (Route r : routes()) {
            if (r.access() != Access.OWNER) {
                continue;
            }
            String path = r.path().replace("{user}", bob.id().value()).replace("{mailbox}", bobInbox.id().value())
                    .replace("{message}", "1").replace("{address}", bob.address().toString()).replace("{attachment}", "1")
                    .replace("{asp}", "0123456789abcdef01234567").replace("{event}", "1")
                    .replace("{credential}", "0123456789abcdef01234567")
                    .replace("{queueId}", "0123456789abcdef01234567")
                    .replace("{filter}", "0123456789abcdef01234567");
            path = path.replace("{name}", "rules"); // /users/{user}/sieve/{name}
            byte[] body = r.requestBody() == byte[].class ? Messages.simple("x", "y") : "{}".getBytes(StandardCharsets.UTF_8);
            String type = r.requestBody() == null ? null : r.requestMediaType();
            ApiClient.Response resp = api.send(r.method().name(), path, token, type, r.requestBody() == null ? null : body);
            assertThat(resp.status()).as(r.method() + " " + path + ": " + resp.body()).isEqualTo(403);
            assertThat(resp.json().get("code").asText()).isEqualTo("Forbidden");
            checked++;
            if (r.path().contains("{mailbox}")) {
                String own = r.path().replace("{user}", alice.id().value()).replace("{mailbox}", bobInbox.id().value())
                        .replace("{message}", "1").replace("{attachment}", "1");
                ApiClient.Response mixed = api.send(r.method().name(), own, token, type, r.requestBody() == null ? null : body);
                assertThat(mixed.status()).as(r.method() + " " + own + ": " + mixed.body()).isEqualTo(404);
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(20);
        ApiClient.Response moveAcross = api.put("/users/" + alice.id() + "/mailboxes/" + aliceInbox.id() + "/messages/1",
                token, "{\"moveTo\":\"" + bobInbox.id() + "\"}");
        assertThat(moveAcross.status()).isEqualTo(404);
        Mailbox after = gannet.mailbox(bob, "INBOX");
        assertThat(after.messages()).isEqualTo(1);
        assertThat(after.unseen()).isEqualTo(1);
        assertThat(gannet.store().users().get(bob.id()).block(Duration.ofSeconds(5)).disabled()).isFalse();
        assertThat(api.get("/users/" + bob.id() + "/addresses", "root-token").json().get("results")).hasSize(1);
    }
}
