package dev.gannet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gannet.core.config.Settings;
import dev.gannet.core.store.OutboundQueue;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.Messages;
import dev.gannet.core.testing.TestUser;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WildDuck's rules end to end: filters, forwarding targets with a daily limit and an autoreply set through the API
 * with WildDuck's JSON, mail delivered over LMTP (Python's smtplib.LMTP), the result read over IMAP (Jakarta
 * Mail) and from the user's outbound queue; the filter reads back with WildDuck's field names as written.
 */
class WildDuckRulesEndToEndTest {

    private static final String ROOT = "root-token-rules";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api", "lmtp", "imap")
            .set(Settings.API_ACCESS_TOKEN, ROOT).build();

    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode call(String method, String path, String json) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gannet.port("api") + path))
                .timeout(WAIT).header("Content-Type", "application/json").header("X-Access-Token", ROOT)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).as(method + " " + path + ": " + resp.body()).isEqualTo(200);
        return JSON.readTree(resp.body());
    }

    @Test
    void wildDuckFiltersForwardingAndAutoreplyActAtDelivery() throws Exception {
        TestUser u = gannet.createUser();
        String user = "/users/" + u.id();
        String reports = call("POST", user + "/mailboxes", "{\"path\":\"Reports\"}").get("id").asText();
        String filterJson = "{\"name\":\"weekly reports\",\"query\":{\"from\":\"reports@example.com\",\"subject\":\"weekly\"},"
                + "\"action\":{\"seen\":true,\"mailbox\":\"" + reports + "\"}}";
        String filter = call("POST", user + "/filters", filterJson).get("id").asText();
        call("POST", user + "/filters", "{\"query\":{\"subject\":\"casino\"},\"action\":{\"delete\":true}}");
        call("PUT", user, "{\"targets\":[\"copy@example.net\"],\"forwards\":2}");
        call("PUT", user + "/autoreply", "{\"status\":true,\"name\":\"Out Of Office\",\"subject\":\"Away\",\"text\":\"Back soon\"}");

        JsonNode read = call("GET", user + "/filters/" + filter, null);
        assertThat(read.get("name").asText()).isEqualTo("weekly reports");
        assertThat(read.get("query").toString()).isEqualTo("{\"from\":\"reports@example.com\",\"subject\":\"weekly\"}");
        assertThat(read.get("action").toString()).isEqualTo("{\"seen\":true,\"mailbox\":\"" + reports + "\"}");

        String to = u.address().toString();
        assertThat(lmtp("reports@example.com", message("Reports <reports@example.com>", to, "Weekly numbers"), to)).startsWith("250");
        assertThat(lmtp("promo@example.org", message("Promo <promo@example.org>", to, "Casino night"), to)).startsWith("250");
        assertThat(lmtp("alice@example.org", message("Alice <alice@example.org>", to, "Lunch?"), to)).startsWith("250");

        assertThat(imap(u, "Reports")).containsExactly("Weekly numbers [\\Seen]");
        assertThat(imap(u, "INBOX")).containsExactly("Lunch?");

        List<OutboundQueue.Queued> queued = gannet.store().outbound().list(u.id()).collectList().block(WAIT);
        List<OutboundQueue.Queued> forwards = queued.stream().filter(q -> q.kind() == OutboundQueue.Kind.FORWARD).toList();
        assertThat(forwards).as("forwards: 2 a day").hasSize(2)
                .allSatisfy(q -> assertThat(q.recipients()).containsExactly("copy@example.net"));
        List<OutboundQueue.Queued> replies = queued.stream().filter(q -> q.kind() == OutboundQueue.Kind.AUTOREPLY).toList();
        assertThat(replies).extracting(q -> q.recipients().get(0))
                .containsExactlyInAnyOrder("reports@example.com", "promo@example.org", "alice@example.org");
    }

    private static byte[] message(String from, String to, String subject) {
        return Messages.plain(from, to, subject, "", "hello\r\n");
    }

    /** One delivery with lmtp_client.py; the DATA reply for {@code rcpt}. */
    private static String lmtp(String sender, byte[] msg, String rcpt) throws Exception {
        Path file = Files.createTempFile("rules", ".eml");
        try {
            Files.write(file, msg);
            Path script = Path.of("..", "lmtp-server", "src", "test", "resources", "python", "lmtp_client.py");
            Process p = new ProcessBuilder("python3", script.toString(), "deliver", Integer.toString(gannet.port("lmtp")), sender,
                    file.toString(), rcpt).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("lmtp_client.py timed out");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(text).isZero();
            return text.lines().filter(l -> l.startsWith("DATA " + rcpt + " ")).map(l -> l.substring(("DATA " + rcpt + " ").length()))
                    .findFirst().orElseThrow(() -> new AssertionError(text));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<String> imap(TestUser u, String folder) throws Exception {
        Properties p = new Properties();
        p.put("mail.imap.host", "127.0.0.1");
        p.put("mail.imap.port", Integer.toString(gannet.port("imap")));
        p.put("mail.imap.timeout", "20000");
        Store store = Session.getInstance(p).getStore("imap");
        store.connect(u.username(), u.password());
        try {
            Folder f = store.getFolder(folder);
            f.open(Folder.READ_ONLY);
            List<String> out = new ArrayList<>();
            for (Message m : f.getMessages()) {
                out.add(m.getSubject() + (m.getFlags().contains(Flags.Flag.SEEN) ? " [\\Seen]" : ""));
            }
            f.close(false);
            return out;
        } finally {
            store.close();
        }
    }
}
