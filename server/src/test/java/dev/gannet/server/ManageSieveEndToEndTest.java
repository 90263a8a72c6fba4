package dev.gannet.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestSecrets;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.OutputStream;
import java.net.Socket;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One set of scripts, two ways in: Debian's sieve-connect over ManageSieve with STARTTLS, and the REST API's
 * {@code /users/{user}/sieve}. Also the launcher starting the {@code managesieve} role from {@code roles}.
 */
class ManageSieveEndToEndTest {

    private static final String ROOT = TestSecrets.register("root-token-for-sieve");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api", "managesieve")
            .set(Settings.API_ACCESS_TOKEN, ROOT)
            .set(Settings.MANAGESIEVE_AUTH_FAILURE_DELAY, Duration.ZERO).build();

    private record Http(int status, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    private static Http api(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gannet.port("api") + path))
                .header("X-Access-Token", ROOT).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Http(r.statusCode(), r.body());
    }

    private static boolean sieveConnectAvailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "sieve-connect"))) {
                return true;
            }
        }
        if (System.getenv("CI") != null) {
            throw new AssertionError("sieve-connect is not installed, and CI must run this test (.ci/run installs it)");
        }
        return false;
    }

    /** sieve-connect with STARTTLS required, the password on standard input; returns stdout, asserts exit 0. */
    private static String sieveConnect(TestUser u, Path dir, String... action) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sieve-connect", "--server", "127.0.0.1", "--port",
                Integer.toString(gannet.port("managesieve")), "--nosrv", "--user", u.username(), "--authmech", "PLAIN",
                "--passwordfd", "0", "--notlsverify", "--noclearauth"));
        cmd.addAll(List.of(action));
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(err.toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((u.password() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("sieve-connect %s: %s %s", List.of(action), out, Files.readString(err)).isZero();
        return out;
    }

    @Test
    void scriptsUploadedOverManageSieveAreTheApisAndBack(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(sieveConnectAvailable(), "sieve-connect not installed (apt-get install sieve-connect)");
        TestUser u = gannet.createUser();
        String base = "/users/" + u.id().value() + "/sieve";
        String away = "require [\"vacation\"];\nvacation :days 7 :subject \"Away\" \"Back next week.\";\n";
        Files.writeString(dir.resolve("away.sieve"), away);
        sieveConnect(u, dir, "--upload", "--localsieve", "away.sieve", "--remotesieve", "away");

        Http listed = api("GET", base, null);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("results").get(0).get("name").asText()).isEqualTo("away");
        assertThat(api("GET", base + "/away", null).json().get("script").asText()).isEqualTo(away);

        String rules = "require \"fileinto\";\r\nif address :is \"from\" \"boss@example.org\" { fileinto \"Boss\"; }\r\n";
        assertThat(api("PUT", base + "/rules", "{\"script\":" + JSON.writeValueAsString(rules) + "}").status()).isEqualTo(200);
        assertThat(api("PUT", base + "/rules/active", "{}").status()).isEqualTo(200);
        assertThat(sieveConnect(u, dir, "--list").lines().map(String::strip)).containsExactly("\"away\"", "\"rules\" ACTIVE");
        sieveConnect(u, dir, "--download", "--remotesieve", "rules", "--localsieve", "rules.sieve");
        assertThat(Files.readString(dir.resolve("rules.sieve"))).isEqualTo(rules);

        sieveConnect(u, dir, "--activate", "--remotesieve", "away");
        assertThat(api("GET", base, null).json().get("active").asText()).isEqualTo("away");
        sieveConnect(u, dir, "--delete", "--remotesieve", "rules");
        assertThat(api("GET", base + "/rules", null).status()).isEqualTo(404);
    }

    @Test
    void theLauncherStartsTheRoleAndLogsWhereItListens(@TempDir Path dir) throws Exception {
        try (GannetProcess p = GannetProcess.start(dir, Map.of(), "--set", "roles=managesieve",
                "--set", "managesieve.host=127.0.0.1", "--set", "managesieve.port=0")) {
            int port = p.awaitListener("managesieve");
            assertThat(p.stdout()).anyMatch(l -> l.matches("managesieve listening on 127\\.0\\.0\\.1:" + port));
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(20_000);
                String greeting = new String(s.getInputStream().readNBytes(30), StandardCharsets.US_ASCII);
                assertThat(greeting).startsWith("\"IMPLEMENTATION\" \"Gannet\"\r\n");
            }
            p.terminate();
            assertThat(p.waitForExit(Duration.ofSeconds(30))).isZero();
        }
    }
}
