package dev.gannet.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher as an operator meets it: exit codes, the one-line errors, the listening lines, SIGTERM. */
class LauncherTest {

    private static final Duration EXIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void badPortValueExitsTwoNamingTheKey() throws Exception {
        try (GannetProcess p = GannetProcess.start(dir, Map.of(), "--set", "imap.port=abc")) {
            assertThat(p.waitForExit(EXIT)).isEqualTo(2);
            assertThat(p.stderr()).hasSize(1);
            assertThat(p.stderr().get(0)).startsWith("gannet: configuration error:").contains("imap.port").contains("abc");
        }
    }

    @Test
    void unknownKeyInFileExitsTwo() throws Exception {
        Path config = dir.resolve("bad.toml");
        Files.writeString(config, "[imap]\nprot = 1\n");
        try (GannetProcess p = GannetProcess.start(dir, Map.of(), "--config", config.toString())) {
            assertThat(p.waitForExit(EXIT)).isEqualTo(2);
            assertThat(p.stderr()).containsExactly("gannet: configuration error: " + config + ":2: unknown key imap.prot");
        }
    }

    @Test
    void unreadableConfigFileExitsTwo() throws Exception {
        try (GannetProcess p = GannetProcess.start(dir, Map.of(), "--config", "missing.toml")) {
            assertThat(p.waitForExit(EXIT)).isEqualTo(2);
            assertThat(p.stderr()).containsExactly(
                    "gannet: configuration error: cannot read configuration file missing.toml: no such file");
        }
    }

    @Test
    void badEnvironmentValueExitsTwo() throws Exception {
        try (GannetProcess p = GannetProcess.start(dir, Map.of("GANNET_API_PORT", "x"))) {
            assertThat(p.waitForExit(EXIT)).isEqualTo(2);
            assertThat(p.stderr()).singleElement().asString().contains("GANNET_API_PORT").contains("api.port");
        }
    }

    @Test
    void unknownArgumentExitsTwo() throws Exception {
        try (GannetProcess p = GannetProcess.start(dir, Map.of(), "--frobnicate")) {
            assertThat(p.waitForExit(EXIT)).isEqualTo(2);
            assertThat(p.stderr().get(0)).isEqualTo("gannet: unknown argument --frobnicate");
        }
    }

    @Test
    void startsServesHealthAndStopsCleanlyOnSigterm() throws Exception {
        try (GannetProcess p = GannetProcess.start(dir, Map.of("GANNET_API_PORT", "0"), "--set", "roles=api")) {
            int port = p.awaitListener("api");
            assertThat(p.stdout()).anyMatch(l -> l.matches("api listening on 127\\.0\\.0\\.1:" + port));
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("content-type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/json"));
            assertThat(health.body()).contains("\"healthy\":true").contains("\"kind\":\"embedded\"")
                    .contains("\"reachable\":true");
            p.terminate();
            assertThat(p.waitForExit(EXIT)).isZero();
            assertThat(p.stdout()).contains("SIGTERM received, stopping");
            assertThat(p.stderr()).isEmpty();
        }
        assertThat(dir.resolve("data/gannet-store.mv.db")).exists();
    }

    @Test
    void portInUseExitsOneWithOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             GannetProcess p = GannetProcess.start(dir, Map.of(), "--set", "roles=api",
                     "--set", "api.host=127.0.0.1", "--set", "api.port=" + taken.getLocalPort())) {
            assertThat(p.waitForExit(EXIT)).isEqualTo(1);
            assertThat(p.stderr()).singleElement().asString()
                    .startsWith("gannet: api cannot start").contains("in use");
        }
    }

    @Test
    void secondNodeOnTheSameDataDirectoryExitsOne() throws Exception {
        try (GannetProcess first = GannetProcess.start(dir, Map.of(), "--set", "roles=api", "--set", "api.port=0")) {
            first.awaitListener("api");
            try (GannetProcess second = GannetProcess.start(dir, Map.of(), "--set", "roles=api", "--set", "api.port=0")) {
                assertThat(second.waitForExit(EXIT)).isEqualTo(1);
                assertThat(second.stderr()).singleElement().asString().contains("locked");
            }
        }
    }

    @Test
    void corruptStoreFileExitsOne() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.write(dir.resolve("data/gannet-store.mv.db"), "this is not an MVStore file\n".repeat(500).getBytes());
        try (GannetProcess p = GannetProcess.start(dir, Map.of(), "--set", "roles=api", "--set", "api.port=0")) {
            assertThat(p.waitForExit(EXIT)).isEqualTo(1);
            assertThat(p.stderr()).singleElement().asString().startsWith("gannet: store file");
        }
    }

    @Test
    void unreachableMongoExitsOne() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (GannetProcess p = GannetProcess.start(dir, Map.of(), "--set", "roles=api", "--set", "api.port=0",
                "--set", "mongo.uri=mongodb://127.0.0.1:" + closed + "/?serverSelectionTimeoutMS=500")) {
            assertThat(p.waitForExit(EXIT)).isEqualTo(1);
            assertThat(p.stderr()).singleElement().asString().startsWith("gannet: cannot reach MongoDB at 127.0.0.1:" + closed);
        }
    }

    @Test
    void helpAndVersionExitZero() throws Exception {
        try (GannetProcess p = GannetProcess.start(dir, Map.of(), "--version")) {
            assertThat(p.waitForExit(EXIT)).isZero();
            assertThat(p.stdout()).singleElement().asString().startsWith("gannet ");
        }
    }

}
