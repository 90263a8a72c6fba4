package dev.gannet.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.Messages;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The SSE stream shows what the API uploads, and Last-Event-ID resumes exactly after the last event seen. */
class UpdatesSseTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api")
            .set(Settings.API_ACCESS_TOKEN, "root-token").build();

    record Event(String id, JsonNode data) {
    }

    private ApiClient api() {
        return new ApiClient(gannet.port("api"));
    }

    private HttpResponse<Stream<String>> open(TestUser u, String token, String lastEventId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(api().uri("/users/" + u.id() + "/updates"))
                .header("Accept", "text/event-stream").header("X-Access-Token", token);
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        return api().http().send(b.build(), HttpResponse.BodyHandlers.ofLines());
    }

    private static void awaitConnected(Iterator<String> lines) {
        while (!lines.next().replace(" ", "").equals(":connected")) {
            // skip until the stream says it is live
        }
    }

    private static Event nextEvent(Iterator<String> lines) {
        String id = null;
        String data = null;
        while (true) {
            String line = lines.next();
            if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("data:")) {
                data = line.substring(5).strip();
            } else if (line.isEmpty() && data != null) {
                return new Event(id, readJson(data));
            }
        }
    }

    private static JsonNode readJson(String s) {
        try {
            return ApiClient.JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(s, e);
        }
    }

    private void upload(TestUser u, String subject) {
        String path = "/users/" + u.id() + "/mailboxes/" + gannet.mailbox(u, "INBOX").id() + "/messages";
        assertThat(api().send("POST", path, "root-token", "message/rfc822", Messages.simple(subject, "b")).status())
                .isEqualTo(200);
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void uploadedMessageAppearsAndResumeSkipsNothing() throws Exception {
        TestUser u = gannet.createUser();
        String token = AuthApiTest.login(api(), u.username(), "secret");
        String inbox = gannet.mailbox(u, "INBOX").id().value();
        Event first;
        HttpResponse<Stream<String>> r = open(u, token, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        try (Stream<String> s = r.body()) {
            Iterator<String> lines = s.iterator();
            awaitConnected(lines);
            upload(u, "one");
            first = nextEvent(lines);
            assertThat(first.data().get("command").asText()).isEqualTo("EXISTS");
            assertThat(first.data().get("mailbox").asText()).isEqualTo(inbox);
            assertThat(first.data().get("uids").get(0).asLong()).isEqualTo(1);
            assertThat(first.id()).contains(inbox + "=");
        }
        upload(u, "two");
        String seen = api().put("/users/" + u.id() + "/mailboxes/" + inbox + "/messages/2", "root-token",
                "{\"seen\":true}").body();
        assertThat(seen).contains("\"updated\":1");
        try (Stream<String> s = open(u, token, first.id()).body()) {
            Iterator<String> lines = s.iterator();
            Event second = nextEvent(lines);
            assertThat(second.data().get("command").asText()).isEqualTo("EXISTS");
            assertThat(second.data().get("uids").get(0).asLong()).isEqualTo(2);
            Event third = nextEvent(lines);
            assertThat(third.data().get("command").asText()).isEqualTo("FETCH");
            assertThat(third.data().get("uids").get(0).asLong()).isEqualTo(2);
        }
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void mailboxCreationIsAnEvent() throws Exception {
        TestUser u = gannet.createUser();
        try (Stream<String> s = open(u, "root-token", null).body()) {
            Iterator<String> lines = s.iterator();
            awaitConnected(lines);
            assertThat(api().post("/users/" + u.id() + "/mailboxes", "root-token", "{\"path\":\"News\"}").status())
                    .isEqualTo(200);
            Event e = nextEvent(lines);
            assertThat(e.data().get("command").asText()).isEqualTo("CREATE");
            assertThat(e.data().get("path").asText()).isEqualTo("News");
        }
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void positionBeyondTheTrimmedJournalAsksForResync() throws Exception {
        TestUser u = gannet.createUser();
        String inbox = gannet.mailbox(u, "INBOX").id().value();
        upload(u, "one");
        upload(u, "two");
        gannet.store().journal().trim(java.time.Duration.ZERO).block(java.time.Duration.ofSeconds(30));
        try (Stream<String> s = open(u, "root-token", "u=0;" + inbox + "=1").body()) {
            Event e = nextEvent(s.iterator());
            assertThat(e.data().get("command").asText()).isEqualTo("RESYNC");
            assertThat(e.data().get("mailbox").asText()).isEqualTo(inbox);
            assertThat(e.id()).contains(inbox + "=2");
        }
    }

    @Test
    void refusalsAreJson() {
        TestUser u = gannet.createUser();
        TestUser other = gannet.createUser();
        String token = AuthApiTest.login(api(), u.username(), "secret");
        assertThat(api().get("/users/" + other.id() + "/updates", token).status()).isEqualTo(403);
        assertThat(api().get("/users/" + u.id() + "/updates", token).status()).isEqualTo(406);
        ApiClient.Response bad = api().send(HttpRequest.newBuilder(api().uri("/users/" + u.id() + "/updates"))
                .header("Accept", "text/event-stream").header("X-Access-Token", token)
                .header("Last-Event-ID", "garbage").build());
        assertThat(bad.status()).isEqualTo(400);
    }
}
