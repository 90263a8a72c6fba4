package dev.gannet.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gannet.core.config.Settings;
import dev.gannet.core.store.OutboundQueue;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestSecrets;
import dev.gannet.core.testing.TestUser;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message sent through the API with the user's own token shows up, seen, in the user's Sent mailbox over IMAP
 * (Jakarta Mail's IMAP client), byte for byte what was queued for the outbound sender, with its Bcc nowhere in it.
 */
class SubmissionEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api", "imap")
            .set(Settings.API_ACCESS_TOKEN, "root-token").build();

    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode post(String path, String token, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gannet.port("api") + path))
                .header("Content-Type", "application/json").header("X-Access-Token", token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void theSentCopyIsInSentOverImap() throws Exception {
        TestUser ann = gannet.createUser();
        String token = post("/authenticate", "root-token",
                "{\"username\":\"" + ann.username() + "\",\"password\":\"secret\"}").get("token").asText();
        TestSecrets.register(token);
        JsonNode sent = post("/users/" + ann.id() + "/submit", token, "{\"to\":[{\"address\":\"bob@example.net\"}],"
                + "\"bcc\":[{\"address\":\"quiet@example.net\"}],\"subject\":\"over IMAP\",\"text\":\"hello\",\"html\":\"<p>hello</p>\"}");
        OutboundQueue.Queued q = gannet.store().outbound().get(ann.id(), sent.get("message").get("queueId").asText()).block();
        assertThat(q.recipients()).containsExactly("bob@example.net", "quiet@example.net");

        Properties p = new Properties();
        p.put("mail.imap.host", "127.0.0.1");
        p.put("mail.imap.port", Integer.toString(gannet.port("imap")));
        p.put("mail.imap.timeout", "20000");
        Store store = Session.getInstance(p).getStore("imap");
        store.connect(ann.username(), ann.password());
        try {
            Folder folder = store.getFolder("Sent");
            folder.open(Folder.READ_ONLY);
            Message[] messages = folder.getMessages();
            assertThat(messages).hasSize(1);
            MimeMessage m = (MimeMessage) messages[0];
            assertThat(m.getSubject()).isEqualTo("over IMAP");
            assertThat(m.isSet(Flags.Flag.SEEN)).isTrue();
            assertThat(m.getRecipients(Message.RecipientType.BCC)).isNull();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            m.writeTo(raw);
            assertThat(raw.size()).isEqualTo(q.size());
            assertThat(raw.toString(java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("quiet@example.net");
            assertThat(m.getContentType()).startsWith("multipart/alternative");
            folder.close(false);
        } finally {
            store.close();
        }
    }
}
