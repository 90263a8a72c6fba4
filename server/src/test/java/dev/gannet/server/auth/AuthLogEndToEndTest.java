package dev.gannet.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scripted mix of good and bad logins over IMAP, POP3 and the API from several loopback addresses: the
 * auth log read back through {@code GET /users/{user}/authlog} is exactly what was sent (results,
 * protocols, addresses, password or ASP), a page cursor walks all of it, an unknown user name is logged under
 * no user, and Debian's {@code fail2ban-regex} with {@code docs/fail2ban/gannet.conf} matches exactly the
 * failures in the log the run wrote, with their addresses.
 */
class AuthLogEndToEndTest {

    private static final String ROOT = "root-token-for-authlog-tests";

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api", "imap", "pop3")
            .set(Settings.API_ACCESS_TOKEN, ROOT)
            .set(Settings.IMAP_AUTH_FAILURE_DELAY, Duration.ZERO)
            .set(Settings.POP3_AUTH_FAILURE_DELAY, Duration.ZERO)
            .build();

    /** protocol, address, result, source of one attempt as the test sent it. */
    record Sent(String protocol, String ip, String result, String source) {
    }

    @Test
    void authLogAndFail2banSeeExactlyWhatWasSent() throws Exception {
        Path logFile = gannet.dataDir().resolve("auth.log");
        List<Sent> sent = new ArrayList<>();
        List<String> failedIps = new ArrayList<>();
        String userId;
        try (AuthLogFile log = new AuthLogFile(logFile)) {
            Clients.Http created = Clients.http(gannet.port("api"), "127.0.0.1", "POST", "/users", ROOT,
                    "{\"username\":\"gus\",\"password\":\"gus-secret\"}");
            userId = created.json().get("id").asText();
            String asp = Clients.http(gannet.port("api"), "127.0.0.1", "POST", "/users/" + userId + "/asps", ROOT,
                    "{\"description\":\"phone\",\"scopes\":[\"imap\"]}").json().get("password").asText();
            int imap = gannet.port("imap");
            int pop3 = gannet.port("pop3");
            int api = gannet.port("api");

            assertThat(Clients.imapLogin(imap, "127.0.0.2", "gus", "gus-secret")).startsWith("a OK");
            sent.add(new Sent("imap", "127.0.0.2", "success", "master"));
            assertThat(Clients.imapLogin(imap, "127.0.0.3", "gus", "wrong")).startsWith("a NO [AUTHENTICATIONFAILED]");
            sent.add(new Sent("imap", "127.0.0.3", "fail", "master"));
            failedIps.add("127.0.0.3");
            assertThat(Clients.imapLogin(imap, "127.0.0.3", "nobody-at-all", "x")).startsWith("a NO [AUTHENTICATIONFAILED]");
            failedIps.add("127.0.0.3");
            assertThat(Clients.imapLogin(imap, "127.0.0.4", "GUS", asp)).startsWith("a OK");
            sent.add(new Sent("imap", "127.0.0.4", "success", "asp"));
            assertThat(Clients.pop3Login(pop3, "127.0.0.4", "gus", asp)).startsWith("-ERR [AUTH]");
            sent.add(new Sent("pop3", "127.0.0.4", "fail", "asp"));
            failedIps.add("127.0.0.4");
            assertThat(Clients.pop3Login(pop3, "127.0.0.2", "gus", "gus-secret")).startsWith("+OK");
            sent.add(new Sent("pop3", "127.0.0.2", "success", "master"));
            assertThat(Clients.pop3Login(pop3, "127.0.0.5", "gus", "guess")).startsWith("-ERR [AUTH]");
            sent.add(new Sent("pop3", "127.0.0.5", "fail", "master"));
            failedIps.add("127.0.0.5");
            assertThat(Clients.apiLogin(api, "127.0.0.3", "gus", "gus-secret").status()).isEqualTo(200);
            sent.add(new Sent("api", "127.0.0.3", "success", "master"));
            assertThat(Clients.apiLogin(api, "127.0.0.6", "gus", "nope").status()).isEqualTo(401);
            sent.add(new Sent("api", "127.0.0.6", "fail", "master"));
            failedIps.add("127.0.0.6");
            // A user name that tries to forge a second field or line.
            assertThat(Clients.apiLogin(api, "127.0.0.7", "x\" ip=10.9.8.7 protocol=imap user=\"\nWARN", "p").status())
                    .isEqualTo(401);
            failedIps.add("127.0.0.7");
        }

        // Read back, newest first, two per page, following nextCursor.
        List<JsonNode> events = new ArrayList<>();
        String next = null;
        long total = -1;
        do {
            JsonNode page = Clients.http(gannet.port("api"), "127.0.0.1", "GET", "/users/" + userId + "/authlog?limit=2"
                    + (next == null ? "" : "&next=" + next), ROOT, null).json();
            total = page.get("total").asLong();
            page.get("results").forEach(events::add);
            next = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (next != null);
        assertThat(total).isEqualTo(sent.size());
        List<Sent> read = new ArrayList<>();
        for (JsonNode e : events) {
            assertThat(e.get("action").asText()).isEqualTo("authentication");
            read.add(new Sent(e.get("protocol").asText(), e.get("ip").asText(), e.get("result").asText(),
                    e.get("source").asText()));
        }
        Collections.reverse(read);
        assertThat(read).containsExactlyElementsOf(sent);
        JsonNode one = Clients.http(gannet.port("api"), "127.0.0.1", "GET",
                "/users/" + userId + "/authlog/" + events.get(0).get("id").asText(), ROOT, null).json();
        assertThat(one.get("protocol").asText()).isEqualTo("api");
        assertThat(one.get("reason").asText()).isEqualTo("wrong-password");
        assertThat(Clients.http(gannet.port("api"), "127.0.0.1", "GET", "/users/" + userId + "/authlog/999", ROOT, null)
                .status()).isEqualTo(404);

        String logText = Files.readString(logFile);
        assertThat(logText).doesNotContain("gus-secret").doesNotContain("wrong\"").doesNotContain(" guess");
        assertThat(logText.lines().filter(l -> l.contains("login failed:")).count()).isEqualTo(failedIps.size());

        Path filter = Path.of("..", "docs", "fail2ban", "gannet.conf").toAbsolutePath();
        boolean have = onPath("fail2ban-regex");
        if (!have && System.getenv("CI") != null) {
            throw new AssertionError("fail2ban-regex is not installed, and CI must run this test (.ci/run installs fail2ban)");
        }
        Assumptions.assumeTrue(have, "fail2ban-regex is not installed (apt-get install fail2ban); skipping the filter check");
        Process p = new ProcessBuilder("fail2ban-regex", "-o", "ip", logFile.toString(), filter.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.lines().map(String::strip).filter(l -> !l.isEmpty()).sorted().toList())
                .as(out).isEqualTo(failedIps.stream().sorted().toList());
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
