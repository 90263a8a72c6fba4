package dev.gannet.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.testing.TestSecrets;
import dev.gannet.delivery.outbound.RelayConfig;
import dev.gannet.delivery.outbound.SmtpRelay;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay connection with STARTTLS (certificate checked against outbound.caFile and the relay's name) and
 * AUTH, against an aiosmtpd sink that requires both; a wrong password and a relay without STARTTLS when it is
 * required are temporary failures (the message stays queued), never a send in the clear.
 */
class StartTlsAuthTest {

    private static final String PASSWORD = TestSecrets.register("relay-pass-7Hq2");
    private static final byte[] MESSAGE = "Subject: over TLS\r\n\r\nsecret-ish\r\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path dir;

    @BeforeAll
    static void certificate() throws Exception {
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(),
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as("openssl made a certificate").isTrue();
    }

    private static RelayConfig relay(int port, RelayConfig.StartTls tls, String password) {
        return new RelayConfig("127.0.0.1", port, tls, dir.resolve("cert.pem").toString(), "relayuser", password,
                Duration.ofSeconds(10), "gannet.test");
    }

    @Test
    void sendsOverStartTlsWithCredentials() throws Exception {
        int port = SmtpSink.freePort();
        try (SmtpSink sink = SmtpSink.start(port, "--tls", dir.resolve("cert.pem") + "," + dir.resolve("key.pem"),
                "--auth", "relayuser," + PASSWORD)) {
            List<SmtpRelay.Reply> ok = new SmtpRelay(relay(port, RelayConfig.StartTls.REQUIRED, PASSWORD))
                    .send("a@gannet.test", List.of("tls@example.net"), MESSAGE);
            assertThat(ok).singleElement().satisfies(r -> {
                assertThat(r.outcome()).as(r.summary()).isEqualTo(SmtpRelay.Outcome.SENT);
                assertThat(r.code()).isEqualTo(250);
            });
            SmtpSink.Received r = sink.await(1, Duration.ofSeconds(10)).get(0);
            assertThat(r.tls()).isTrue();
            assertThat(r.login()).isEqualTo("relayuser");
            assertThat(r.bytes()).isEqualTo(MESSAGE);

            List<SmtpRelay.Reply> wrong = new SmtpRelay(relay(port, RelayConfig.StartTls.REQUIRED, "not-" + PASSWORD))
                    .send("a@gannet.test", List.of("tls@example.net"), MESSAGE);
            assertThat(wrong).singleElement().satisfies(x -> {
                assertThat(x.outcome()).isEqualTo(SmtpRelay.Outcome.TEMPORARY);
                assertThat(x.text()).doesNotContain(PASSWORD);
            });
            assertThat(sink.received()).hasSize(1);
        }
    }

    @Test
    void requiredStartTlsRefusesARelayWithoutIt() throws Exception {
        int port = SmtpSink.freePort();
        try (SmtpSink sink = SmtpSink.start(port)) {
            List<SmtpRelay.Reply> r = new SmtpRelay(new RelayConfig("127.0.0.1", port, RelayConfig.StartTls.REQUIRED,
                    "", "", "", Duration.ofSeconds(10), "gannet.test")).send("a@gannet.test", List.of("x@example.net"), MESSAGE);
            assertThat(r).singleElement().satisfies(x -> assertThat(x.outcome()).isEqualTo(SmtpRelay.Outcome.TEMPORARY));
            assertThat(sink.received()).isEmpty();
        }
    }

    @Test
    void aCertificateNotSignedByTheConfiguredCaIsRefused() throws Exception {
        int port = SmtpSink.freePort();
        try (SmtpSink sink = SmtpSink.start(port, "--tls", dir.resolve("cert.pem") + "," + dir.resolve("key.pem"))) {
            // Java's default trust store does not know the sink's self-signed certificate
            List<SmtpRelay.Reply> r = new SmtpRelay(new RelayConfig("127.0.0.1", port, RelayConfig.StartTls.REQUIRED,
                    "", "", "", Duration.ofSeconds(10), "gannet.test")).send("a@gannet.test", List.of("x@example.net"), MESSAGE);
            assertThat(r).singleElement().satisfies(x -> assertThat(x.outcome()).isEqualTo(SmtpRelay.Outcome.TEMPORARY));
            assertThat(sink.received()).isEmpty();
            assertThat(Files.exists(dir.resolve("cert.pem"))).isTrue();
        }
    }
}
