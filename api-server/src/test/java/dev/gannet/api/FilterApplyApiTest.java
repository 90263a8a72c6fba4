package dev.gannet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gannet.core.config.Settings;
import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Flag;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MessageMeta;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.UidSet;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /users/{user}/mailboxes/{mailbox}/filter runs WildDuck filters on stored mail with the Sieve engine: matching
 * mail is moved and flagged, deleted mail goes to Trash, the rest stays; pages of rules.applyLimit continue with next.
 */
class FilterApplyApiTest {

    private static final String ROOT = "root-token";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api").set(Settings.API_ACCESS_TOKEN, ROOT)
            .set(Settings.RULES_APPLY_LIMIT, 2).build();

    private final ApiClient api = new ApiClient(gannet.port("api"));

    private static void append(TestUser u, Mailbox box, String from, String subject) {
        byte[] raw = ("From: " + from + "\r\nTo: " + u.address() + "\r\nSubject: " + subject + "\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.UTF_8);
        gannet.store().messages().append(new AppendRequest(u.id(), box.id(), MessageSource.of(raw), Flags.NONE, null,
                AppendRequest.Origin.API)).block(WAIT);
    }

    private static List<MessageMeta> messages(Mailbox box) {
        return gannet.store().messages().list(box.id(), UidSet.ALL).collectList().block(WAIT);
    }

    @Test
    void filtersMoveFlagAndDeleteStoredMailPageByPage() {
        TestUser u = gannet.createUser();
        Mailbox inbox = gannet.mailbox(u, "INBOX");
        Mailbox work = gannet.createMailbox(u, "Work");
        append(u, inbox, "Alice <alice@example.com>", "Report 1");
        append(u, inbox, "Bob <bob@example.com>", "Lunch");
        append(u, inbox, "Spammer <win@spam.example>", "You won");
        append(u, inbox, "alice@example.com", "Report 2");
        String base = "/users/" + u.id();
        assertThat(api.post(base + "/filters", ROOT, "{\"query\":{\"from\":\"alice\"},\"action\":{\"seen\":true,"
                + "\"mailbox\":\"" + work.id().value() + "\"}}").status()).isEqualTo(200);
        assertThat(api.post(base + "/filters", ROOT, "{\"query\":{\"subject\":\"won\"},\"action\":{\"delete\":true}}").status())
                .isEqualTo(200);
        assertThat(api.post(base + "/filters", ROOT, "{\"query\":{\"from\":\"bob\"},\"action\":{\"flag\":true},"
                + "\"disabled\":true}").status()).isEqualTo(200);

        ApiClient.Response firstResponse = api.post(base + "/mailboxes/" + inbox.id().value() + "/filter", ROOT, "{}");
        assertThat(firstResponse.status()).as(firstResponse.body()).isEqualTo(200);
        JsonNode first = firstResponse.json();
        assertThat(first.get("checked").asInt()).isEqualTo(2);
        assertThat(first.get("nextCursor").isNull()).isFalse();
        JsonNode second = api.post(base + "/mailboxes/" + inbox.id().value() + "/filter", ROOT,
                "{\"next\":\"" + first.get("nextCursor").asText() + "\"}").json();
        assertThat(second.get("checked").asInt()).isEqualTo(2);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(first.get("moved").asInt() + second.get("moved").asInt()).isEqualTo(2);
        assertThat(first.get("deleted").asInt() + second.get("deleted").asInt()).isEqualTo(1);

        List<MessageMeta> inWork = messages(work);
        assertThat(inWork).hasSize(2).allSatisfy(m -> assertThat(m.flags().has(Flag.SEEN)).isTrue());
        List<MessageMeta> left = messages(inbox);
        assertThat(left).hasSize(1);
        assertThat(left.get(0).flags().has(Flag.FLAGGED)).as("a disabled filter does not run").isFalse();
        assertThat(messages(gannet.mailbox(u, "Trash"))).hasSize(1);

        // one filter by id runs even when disabled
        JsonNode bobFilter = api.get(base + "/filters", ROOT).json().get("results").get(2);
        JsonNode one = api.post(base + "/mailboxes/" + inbox.id().value() + "/filter", ROOT,
                "{\"filter\":\"" + bobFilter.get("id").asText() + "\"}").json();
        assertThat(one.get("flagged").asInt()).isEqualTo(1);
        assertThat(messages(inbox).get(0).flags().has(Flag.FLAGGED)).isTrue();
    }

    @Test
    void anotherUsersMailboxOrFilterIsNotFound() {
        TestUser u = gannet.createUser();
        TestUser other = gannet.createUser();
        Mailbox othersInbox = gannet.mailbox(other, "INBOX");
        String token = AuthApiTest.login(api, u.username(), u.password());
        assertThat(api.post("/users/" + u.id() + "/mailboxes/" + othersInbox.id().value() + "/filter", token, "{}").status())
                .isEqualTo(404);
        assertThat(api.post("/users/" + other.id() + "/mailboxes/" + othersInbox.id().value() + "/filter", token, "{}").status())
                .isEqualTo(403);
        String othersFilter = api.post("/users/" + other.id() + "/filters", ROOT, "{\"action\":{\"delete\":true}}")
                .json().get("id").asText();
        ApiClient.Response r = api.post("/users/" + u.id() + "/mailboxes/" + gannet.mailbox(u, "INBOX").id().value() + "/filter",
                token, "{\"filter\":\"" + othersFilter + "\"}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("code").asText()).isEqualTo("FilterNotFound");
    }
}
