package dev.gannet.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.LineSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API and IMAP on one node: a user created over the API logs in over IMAP; a message uploaded
 * over the API reaches that user's IDLE session as EXISTS and the API's own update stream; and
 * {@code curl /metrics} shows the IMAP and LMTP traffic.
 */
class ApiImapEndToEndTest {

    private static final String ROOT = "root-token-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder()
            .roles("api", "lmtp", "imap")
            .set(Settings.API_ACCESS_TOKEN, ROOT)
            .build();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void apiUploadReachesImapIdleAndTheUpdateStream() throws Exception {
        JsonNode created = json(post("/users", "application/json",
                "{\"username\":\"erin\",\"password\":\"erins-secret\",\"address\":\"erin@example.org\"}"));
        String userId = created.get("id").asText();
        String inboxId = null;
        for (JsonNode mailbox : json(get("/users/" + userId + "/mailboxes")).get("results")) {
            if (mailbox.get("path").asText().equals("INBOX")) {
                inboxId = mailbox.get("id").asText();
            }
        }
        assertThat(inboxId).isNotNull();

        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = http.sendAsync(
                HttpRequest.newBuilder(api("/users/" + userId + "/updates")).header("X-Access-Token", ROOT)
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        stream.thenAccept(r -> r.body().forEach(events::add));
        assertThat(poll(events, ": connected")).isNotNull();

        try (Imap imap = new Imap(gannet.port("imap"))) {
            assertThat(imap.read()).startsWith("* OK");
            assertThat(imap.command("a LOGIN erin erins-secret")).startsWith("a OK");
            assertThat(imap.command("b SELECT INBOX")).startsWith("b OK");
            imap.send("c IDLE");
            assertThat(imap.read()).startsWith("+ ");

            HttpResponse<String> uploaded = post("/users/" + userId + "/mailboxes/" + inboxId + "/messages",
                    "message/rfc822", "From: frank@example.org\r\nSubject: via the API\r\n\r\nHello Erin.\r\n");
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);

            assertThat(imap.read()).isEqualTo("* 1 EXISTS");
            imap.send("DONE");
            assertThat(imap.readTagged("c")).startsWith("c OK");
            assertThat(imap.command("d LOGOUT")).startsWith("d OK");
        }
        String data = poll(events, "data:");
        assertThat(data).contains("\"command\":\"EXISTS\"").contains(inboxId);
        stream.cancel(true);

        try (Socket lmtp = new Socket("127.0.0.1", gannet.port("lmtp"))) {
            OutputStream out = lmtp.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(lmtp.getInputStream(), StandardCharsets.US_ASCII));
            in.readLine();
            out.write(("LHLO mta\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<erin@example.org>\r\nDATA\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line;
            while (!(line = in.readLine()).startsWith("354")) {
                assertThat(line).startsWith("250");
            }
            out.write("Subject: over LMTP\r\n\r\nhi\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).startsWith("250");
        }

        Process curl = new ProcessBuilder("curl", "-s", "--max-time", "30", "-H", "X-Access-Token: " + ROOT,
                "http://127.0.0.1:" + gannet.port("api") + "/metrics").redirectErrorStream(true).start();
        String metrics = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).isZero();
        assertThat(metrics)
                .containsPattern("gannet_commands_seconds_count\\{[^}]*command=\"LOGIN\"[^}]*protocol=\"imap\"[^}]*} [1-9]")
                .containsPattern("gannet_connections_opened_total\\{[^}]*listener=\"imap\"[^}]*} [1-9]")
                .containsPattern("gannet_lmtp_deliveries_total\\{[^}]*result=\"delivered\"[^}]*} [1-9]");
    }

    private static String poll(BlockingQueue<String> events, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            String line = events.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
        }
        return null;
    }

    private URI api(String path) {
        return URI.create("http://127.0.0.1:" + gannet.port("api") + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(api(path)).header("X-Access-Token", ROOT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String type, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(api(path)).header("X-Access-Token", ROOT).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** IMAP over a plain socket, line by line. */
    private static final class Imap extends LineSocket {
        Imap(int port) throws IOException {
            super(new Socket("127.0.0.1", port));
        }

        String read() throws IOException {
            return readLine();
        }

        String readTagged(String tag) throws IOException {
            String line;
            while (!(line = readLine()).startsWith(tag + " ")) {
                // untagged data
            }
            return line;
        }

        String command(String line) throws IOException {
            send(line);
            return readTagged(line.substring(0, line.indexOf(' ')));
        }
    }
}
