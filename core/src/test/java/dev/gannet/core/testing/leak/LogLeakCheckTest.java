package dev.gannet.core.testing.leak;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The check that fails the build on a secret in a log must itself find one: planted lines. */
class LogLeakCheckTest {

    @TempDir
    Path dir;

    private final LogLeakCheck check = new LogLeakCheck(Set.of("s3cret-pw", "secret"));

    private List<LogLeakCheck.Leak> scan(String... lines) throws IOException {
        Path f = dir.resolve("planted.log");
        Files.write(f, List.of(lines));
        return check.scan(f);
    }

    @Test
    void findsAPasswordInClearText() throws IOException {
        assertThat(scan("10:00:00 DEBUG [imap-1] Dispatcher: a LOGIN ann s3cret-pw"))
                .singleElement().satisfies(l -> {
                    assertThat(l.line()).isEqualTo(1);
                    assertThat(l.form()).isEqualTo("clear text");
                    assertThat(l.toString()).doesNotContain("s3cret-pw");
                });
        assertThat(scan("PASS secret")).hasSize(1);
        assertThat(scan("user=ann password=\"secret\"")).hasSize(1);
    }

    @Test
    void findsTheHexDumpOfPlaintextOnATlsPort() throws IOException {
        String hex = HexFormat.of().formatHex("a LOGIN ann s3cret-pw\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(scan("closing: io.netty.handler.ssl.NotSslRecordException: not an SSL/TLS record: " + hex))
                .extracting(LogLeakCheck.Leak::form).contains("hex");
        assertThat(scan("0x" + hex.toUpperCase())).extracting(LogLeakCheck.Leak::form).contains("hex");
    }

    @Test
    void findsThePasswordInsideAnAuthPlainResponseAtEveryAlignment() throws IOException {
        for (String user : List.of("a", "ab", "abc", "abcd")) {
            String plain = Base64.getEncoder().encodeToString(("\0" + user + "\0s3cret-pw").getBytes(StandardCharsets.UTF_8));
            assertThat(scan("C: " + plain)).as(user).extracting(LogLeakCheck.Leak::form).contains("base64");
        }
    }

    @Test
    void leavesCleanLinesAndLongerWordsAlone() throws IOException {
        assertThat(scan("10:00:00 INFO imaps connection from /127.0.0.1:5000",
                "not TLS: the client sent something else on a TLS connection; closing",
                "the api.accessToken setting keeps its secrets", "secretary")).isEmpty();
    }

    @Test
    void mainFailsOnAPlantedLeakAndPassesWithout() throws Exception {
        Path module = dir.resolve("module");
        Files.createDirectories(module.resolve("target/test-logs"));
        Files.createDirectories(module.resolve("target/test-secrets"));
        Files.writeString(module.resolve("target/test-secrets/secrets-1.txt"),
                Base64.getEncoder().encodeToString("tok-8f2a9c".getBytes(StandardCharsets.UTF_8)) + "\n");
        Path log = module.resolve("target/test-logs/tests.log");
        Files.writeString(log, "GET /users?accessToken=elsewhere\n");
        assertThat(run(module)).isZero();
        Files.writeString(log, "GET /users?accessToken=tok-8f2a9c\n");
        assertThat(run(module)).isEqualTo(1);
    }

    private static int run(Path module) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Path.of("target", "test-classes").toAbsolutePath().toString(),
                LogLeakCheck.class.getName(), module.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
