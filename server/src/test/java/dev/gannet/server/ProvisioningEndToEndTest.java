package dev.gannet.server;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.LineSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's path through Gannet: a user created over the REST API receives mail over LMTP, reads it
 * over POP3, and the deliveries, logins and commands show up in {@code /metrics}.
 */
class ProvisioningEndToEndTest {

    private static final String ROOT = "root-token-for-tests";

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder()
            .roles("api", "lmtp", "pop3")
            .set(Settings.API_ACCESS_TOKEN, ROOT)
            .build();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void userCreatedOverTheApiReceivesOverLmtpAndReadsOverPop3() throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(api("/users"))
                .header("X-Access-Token", ROOT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"carol\",\"password\":\"carols-secret\",\"address\":\"carol@example.org\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(created.body()).contains("\"success\":true").contains("\"id\":");

        String message = "From: dave@example.org\r\nTo: carol@example.org\r\nSubject: welcome\r\n\r\nHello Carol.\r\n";
        try (Lines lmtp = new Lines(gannet.port("lmtp"))) {
            assertThat(lmtp.read()).startsWith("220");
            lmtp.send("LHLO mta.example.org");
            assertThat(lmtp.readReply()).startsWith("250");
            lmtp.send("MAIL FROM:<dave@example.org>");
            assertThat(lmtp.readReply()).startsWith("250");
            lmtp.send("RCPT TO:<carol@example.org>");
            assertThat(lmtp.readReply()).startsWith("250");
            lmtp.send("DATA");
            assertThat(lmtp.readReply()).startsWith("354");
            lmtp.sendRaw(message + ".\r\n");
            assertThat(lmtp.readReply()).startsWith("250 2.");
        }

        try (Lines pop = new Lines(gannet.port("pop3"))) {
            assertThat(pop.read()).startsWith("+OK");
            pop.send("USER carol");
            assertThat(pop.read()).startsWith("+OK");
            pop.send("PASS wrong-password");
            assertThat(pop.read()).startsWith("-ERR [AUTH]");
            pop.send("USER carol");
            assertThat(pop.read()).startsWith("+OK");
            pop.send("PASS carols-secret");
            assertThat(pop.read()).startsWith("+OK");
            pop.send("RETR 1");
            assertThat(pop.read()).startsWith("+OK");
            List<String> lines = pop.readUntilDot();
            assertThat(String.join("\r\n", lines) + "\r\n").endsWith(message);
            pop.send("QUIT");
            assertThat(pop.read()).startsWith("+OK");
        }

        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(api("/metrics"))
                .header("X-Access-Token", ROOT).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .containsPattern("gannet_lmtp_deliveries_total\\{[^}]*result=\"delivered\"[^}]*} [1-9]")
                .containsPattern("gannet_auth_failures_total\\{[^}]*protocol=\"pop3\"[^}]*} [1-9]")
                .containsPattern("gannet_commands_seconds_count\\{[^}]*command=\"RETR\"[^}]*protocol=\"pop3\"[^}]*} [1-9]")
                .containsPattern("gannet_connections_opened_total\\{[^}]*listener=\"lmtp\"[^}]*} [1-9]");
    }

    private URI api(String path) {
        return URI.create("http://127.0.0.1:" + gannet.port("api") + path);
    }

    /** LMTP and POP3 lines over a plain socket. */
    private static final class Lines extends LineSocket {
        Lines(int port) throws IOException {
            super(new Socket("127.0.0.1", port));
        }

        void sendRaw(String text) throws IOException {
            sendRaw(text.getBytes(StandardCharsets.UTF_8));
        }

        String read() throws IOException {
            return readLine();
        }

        String readReply() throws IOException {
            String line;
            do {
                line = readLine();
            } while (line != null && line.length() > 3 && line.charAt(3) == '-');
            return line;
        }

        List<String> readUntilDot() throws IOException {
            List<String> lines = new ArrayList<>();
            String line;
            while (!(line = readLine()).equals(".")) {
                lines.add(line.startsWith("..") ? line.substring(1) : line);
            }
            return lines;
        }
    }
}
