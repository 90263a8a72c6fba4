package dev.gannet.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery resolves a recipient exactly, then by its untagged form ({@code name+tag@d}), then by the
 * domain's catch-all, and a user's own token cannot bend that: over LMTP (Python's smtplib.LMTP) mail to a
 * sub-address reaches the owner of the address after a user tried to claim it, the catch-all gets only
 * what nothing else matches, and a sub-address root gave to one user keeps its mail when another user
 * takes the free untagged form.
 */
class AddressDeliveryEndToEndTest {

    private static final String ROOT = "root-token-addresses";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api", "lmtp")
            .set(Settings.API_ACCESS_TOKEN, ROOT)
            .set(Settings.API_SELF_SERVICE_DOMAINS, List.of("self.test"))
            .build();

    private final HttpClient http = HttpClient.newHttpClient();

    private int post(String path, String token, String json) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gannet.port("api") + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").header("X-Access-Token", token)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private int addAddress(TestUser u, String token, String address) throws Exception {
        return post("/users/" + u.id() + "/addresses", token,
                "{\"address\":\"" + address + "\"" + (address.startsWith("*") ? ",\"allowWildcard\":true" : "") + "}");
    }

    private String login(TestUser u) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gannet.port("api") + "/authenticate"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + u.username() + "\",\"password\":\"" + u.password() + "\"}"))
                .build();
        return JSON.readTree(http.send(r, HttpResponse.BodyHandlers.ofString()).body()).get("token").asText();
    }

    private long inbox(TestUser u) {
        return gannet.mailbox(u, "INBOX").messages();
    }

    @Test
    void subAddressesReachTheirOwnerAndTheCatchAllOnlyWhatNothingElseMatches() throws Exception {
        TestUser olga = gannet.createUser();
        TestUser catchAll = gannet.createUser();
        TestUser tina = gannet.createUser();
        TestUser mallory = gannet.createUser();
        String olgaAt = olga.username() + "@self.test";
        assertThat(addAddress(olga, ROOT, olgaAt)).isEqualTo(200);
        assertThat(addAddress(catchAll, ROOT, "*@self.test")).isEqualTo(200);
        assertThat(addAddress(tina, ROOT, "zed+list@self.test")).isEqualTo(200);

        String t = login(mallory);
        assertThat(addAddress(mallory, t, olga.username() + "+bank@self.test")).isEqualTo(409);
        assertThat(addAddress(mallory, t, olgaAt)).isEqualTo(409);
        assertThat(addAddress(mallory, t, "*@self.test")).isEqualTo(403);
        assertThat(addAddress(mallory, t, "postmaster@self.test")).isEqualTo(403);
        assertThat(addAddress(mallory, t, "stranger+x@self.test")).isEqualTo(403);
        // free, and the untagged form of tina's sub-address: exact matches still win over it
        assertThat(addAddress(mallory, t, "zed@self.test")).isEqualTo(200);

        Path message = Files.createTempFile("address-delivery", ".eml");
        Files.writeString(message, "From: sender@example.org\r\nTo: someone@self.test\r\nSubject: resolution\r\n"
                + "Message-ID: <resolution@example.org>\r\n\r\nhello\r\n", StandardCharsets.US_ASCII);
        List<String> rcpts = List.of(olga.username() + "+bank@self.test", olgaAt, "zed+list@self.test",
                "zed+other@self.test", "zed@self.test", "stranger+x@self.test", "postmaster@self.test", "nobody@elsewhere.test");
        // two transactions, each naming every user at most once: within one transaction a message reaches
        // each user once, however many of its addresses it names
        List<String> lines = new ArrayList<>();
        try {
            lines.addAll(lmtp(message, List.of(rcpts.get(0), rcpts.get(2), rcpts.get(3), rcpts.get(5), rcpts.get(7))));
            lines.addAll(lmtp(message, List.of(rcpts.get(1), rcpts.get(4), rcpts.get(6))));
        } finally {
            Files.deleteIfExists(message);
        }
        for (String r : rcpts.subList(0, 7)) {
            assertThat(lines).as(r).anyMatch(l -> l.startsWith("RCPT " + r + " 250"));
            assertThat(lines).as(r).anyMatch(l -> l.startsWith("DATA " + r + " 250"));
        }
        assertThat(lines).anyMatch(l -> l.startsWith("RCPT nobody@elsewhere.test 550"));

        assertThat(inbox(olga)).as("olga: her address and its sub-address").isEqualTo(2);
        assertThat(inbox(tina)).as("tina: her exact sub-address").isEqualTo(1);
        assertThat(inbox(mallory)).as("mallory: zed@ and zed+other@").isEqualTo(2);
        assertThat(inbox(catchAll)).as("catch-all: stranger+x@ and postmaster@, which nobody has").isEqualTo(2);
    }

    private static List<String> lmtp(Path message, List<String> rcpts) throws Exception {
        Path script = Path.of("..", "lmtp-server", "src", "test", "resources", "python", "lmtp_client.py");
        List<String> command = new ArrayList<>(List.of("python3", script.toString(), "deliver",
                Integer.toString(gannet.port("lmtp")), "sender@example.org", message.toString()));
        command.addAll(rcpts);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("lmtp_client.py timed out");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text.lines().toList();
    }
}
