package dev.gannet.server;

import dev.gannet.core.config.Settings;
import dev.gannet.core.node.StartupException;
import dev.gannet.core.testing.GannetExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ChaCha20-Poly1305 on TLS 1.3 and 1.2 (RFC 8446, RFC 7905), on the implicit-TLS ports and after
 * STARTTLS/STLS, as real clients nobody here wrote see it: {@code openssl s_client} and Python's
 * {@code ssl}; {@code tls.protocols} restricting to TLS 1.3 refuses a TLS 1.2 client; a bad
 * {@code tls.ciphers} or {@code tls.protocols} value stops startup with a line naming the setting. The
 * generated certificate is EC, so the TLS 1.2 suite is ECDHE-ECDSA.
 */
class TlsCiphersTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap", "pop3").build();

    private record Run(int exit, String output) {
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static Run openssl(int port, String starttls, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-brief", "-connect", "127.0.0.1:" + port));
        if (starttls != null) {
            cmd.addAll(List.of("-starttls", starttls));
        }
        cmd.addAll(List.of(options));
        return run(cmd);
    }

    @Test
    void opensslNegotiatesChaChaOnTls13AndTls12() throws Exception {
        record Port(int port, String starttls) {
        }
        for (Port p : List.of(new Port(gannet.port("imaps"), null), new Port(gannet.port("pop3s"), null),
                new Port(gannet.port("imap"), "imap"), new Port(gannet.port("pop3"), "pop3"))) {
            Run tls13 = openssl(p.port(), p.starttls(), "-tls1_3", "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256");
            assertThat(tls13.output()).as(p.toString()).contains("Protocol version: TLSv1.3")
                    .contains("Ciphersuite: TLS_CHACHA20_POLY1305_SHA256");
            Run tls12 = openssl(p.port(), p.starttls(), "-tls1_2", "-cipher", "ECDHE-ECDSA-CHACHA20-POLY1305");
            assertThat(tls12.output()).as(p.toString()).contains("Protocol version: TLSv1.2")
                    .contains("Ciphersuite: ECDHE-ECDSA-CHACHA20-POLY1305");
        }
    }

    @Test
    void pythonSslNegotiatesChaChaOnTls12() throws Exception {
        String script = String.join("\n",
                "import imaplib, poplib, socket, ssl, sys",
                "imaps, imap, pop3s = (int(a) for a in sys.argv[1:4])",
                "def ctx():",
                "    c = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)",
                "    c.check_hostname = False",
                "    c.verify_mode = ssl.CERT_NONE",
                "    c.maximum_version = ssl.TLSVersion.TLSv1_2",
                "    c.set_ciphers('ECDHE-ECDSA-CHACHA20-POLY1305')",
                "    return c",
                "with socket.create_connection(('127.0.0.1', imaps)) as raw:",
                "    with ctx().wrap_socket(raw) as s:",
                "        print('imaps', s.version(), s.cipher()[0])",
                "m = imaplib.IMAP4('127.0.0.1', imap)",
                "m.starttls(ssl_context=ctx())",
                "print('imap-starttls', m.sock.version(), m.sock.cipher()[0])",
                "m.logout()",
                "p = poplib.POP3_SSL('127.0.0.1', pop3s, context=ctx())",
                "print('pop3s', p.sock.version(), p.sock.cipher()[0])",
                "p.quit()");
        Run r = run(List.of("python3", "-c", script, Integer.toString(gannet.port("imaps")),
                Integer.toString(gannet.port("imap")), Integer.toString(gannet.port("pop3s"))));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("imaps TLSv1.2 ECDHE-ECDSA-CHACHA20-POLY1305")
                .contains("imap-starttls TLSv1.2 ECDHE-ECDSA-CHACHA20-POLY1305")
                .contains("pop3s TLSv1.2 ECDHE-ECDSA-CHACHA20-POLY1305");
    }

    @Test
    void tls13OnlyRefusesTls12() throws Exception {
        try (GannetExtension only13 = GannetExtension.builder().roles("imap")
                .set(Settings.TLS_PROTOCOLS, List.of("TLSv1.3")).build()) {
            only13.start();
            for (String listener : List.of("imaps", "imap")) {
                String starttls = listener.equals("imap") ? "imap" : null;
                Run tls12 = openssl(only13.port(listener), starttls, "-tls1_2");
                assertThat(tls12.exit()).as(tls12.output()).isNotZero();
                assertThat(tls12.output()).doesNotContain("Protocol version: TLSv1.2");
                Run tls13 = openssl(only13.port(listener), starttls, "-tls1_3");
                assertThat(tls13.output()).contains("Protocol version: TLSv1.3");
            }
        }
    }

    @Test
    void aBadValueStopsStartupNamingTheSetting() {
        for (var bad : List.<GannetExtension>of(
                GannetExtension.builder().roles("imap").set(Settings.TLS_CIPHERS, List.of("ECDHE-RSA-CHACHA20-POLY1305")).build(),
                GannetExtension.builder().roles("imap").set(Settings.TLS_CIPHERS, List.of("TLS_CHACHA20_POLY1305_SHA256"))
                        .set(Settings.TLS_PROTOCOLS, List.of("TLSv1.2")).build())) {
            try (bad) {
                assertThatThrownBy(bad::start).isInstanceOf(StartupException.class).hasMessageContaining("tls.ciphers");
            }
        }
        try (GannetExtension empty = GannetExtension.builder().roles("imap").set(Settings.TLS_PROTOCOLS, List.of()).build()) {
            assertThatThrownBy(empty::start).isInstanceOf(StartupException.class).hasMessageContaining("tls.protocols");
        }
    }
}
