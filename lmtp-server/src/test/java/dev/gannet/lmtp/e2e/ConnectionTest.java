package dev.gannet.lmtp.e2e;

import dev.gannet.core.testing.TrustAll;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Connection-level limits and events: idle timeout, connection limit, a client leaving mid-DATA, STARTTLS. */
class ConnectionTest {

    @RegisterExtension
    final GannetExtension gannet = GannetExtension.builder().roles("lmtp")
            .set(Settings.LMTP_IDLE_TIMEOUT, Duration.ofMillis(1500))
            .set(Settings.LMTP_MAX_CONNECTIONS, 3)
            .set(Settings.LMTP_SPOOL_THRESHOLD, 1024L)
            .build();

    private RawClient greeted() throws Exception {
        RawClient c = RawClient.connect(gannet.port("lmtp"));
        assertThat(c.line()).startsWith("220 ");
        assertThat(c.command("LHLO client.test")).startsWith("250 ");
        return c;
    }

    @Test
    void anIdleClientIsToldAndDisconnected() throws Exception {
        try (RawClient c = greeted()) {
            assertThat(c.line()).startsWith("421 4.4.2");
            assertThat(c.line()).isNull();
        }
    }

    @Test
    void connectionsOverTheLimitAreRefused() throws Exception {
        List<RawClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(greeted());
            }
            try (RawClient extra = RawClient.connect(gannet.port("lmtp"))) {
                assertThat(extra.line()).startsWith("421 4.3.2");
                assertThat(extra.line()).isNull();
            }
            assertThat(open.get(0).command("NOOP")).startsWith("250 2.0.0");
        } finally {
            for (RawClient c : open) {
                c.close();
            }
        }
    }

    @Test
    void aClientLeavingMidDataOrMidChunkLeavesNothingStoredAndNoSpoolFile() throws Exception {
        TestUser u = gannet.createUser();
        try (RawClient c = greeted()) {
            assertThat(c.command("MAIL FROM:<a@b.test>")).startsWith("250");
            assertThat(c.command("RCPT TO:<" + u.address() + ">")).startsWith("250");
            assertThat(c.command("DATA")).startsWith("354");
            c.send("Subject: partial\r\n\r\n" + "y".repeat(10_000) + "\r\n");
        }
        try (RawClient c = greeted()) {
            assertThat(c.command("MAIL FROM:<a@b.test>")).startsWith("250");
            assertThat(c.command("RCPT TO:<" + u.address() + ">")).startsWith("250");
            c.send("BDAT 20000 LAST\r\nSubject: partial chunk\r\n\r\n" + "z".repeat(5_000));
        }
        Path spool = gannet.dataDir().resolve("lmtp-spool");
        for (int i = 0; i < 200 && spoolFiles(spool) > 0; i++) {
            Thread.sleep(50);
        }
        assertThat(spoolFiles(spool)).as("spool file removed when the client left").isZero();
        try (RawClient c = greeted()) {
            assertThat(c.command("MAIL FROM:<a@b.test>")).startsWith("250");
            assertThat(c.command("RCPT TO:<" + u.address() + ">")).startsWith("250");
            assertThat(c.command("DATA")).startsWith("354");
            assertThat(c.command("Subject: whole\r\n\r\nbody\r\n.")).startsWith("250 2.0.0");
        }
        List<byte[]> inbox = Stored.messages(gannet, u, "INBOX");
        assertThat(inbox).hasSize(1);
        assertThat(new String(inbox.get(0))).contains("Subject: whole").doesNotContain("partial");
    }

    private static long spoolFiles(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void startTlsEncryptsDropsPipelinedBytesAndIsRecordedInReceived() throws Exception {
        TestUser u = gannet.createUser();
        SSLContext trustAll = TrustAll.context();
        try (RawClient c = greeted()) {
            c.send("STARTTLS\r\nMAIL FROM:<injected@evil.test>\r\n");
            assertThat(c.line()).startsWith("220 2.0.0");
            SSLSocket tls = (SSLSocket) trustAll.getSocketFactory().createSocket(c.socket, "127.0.0.1",
                    c.socket.getPort(), false);
            tls.startHandshake();
            c.attach(tls);
            assertThat(c.command("MAIL FROM:<a@b.test>")).as("LHLO is needed again after STARTTLS").startsWith("503 5.5.1");
            c.send("LHLO client.test\r\n");
            assertThat(c.reply()).noneMatch(l -> l.contains("STARTTLS"));
            assertThat(c.command("STARTTLS")).startsWith("503 5.5.1");
            assertThat(c.command("MAIL FROM:<a@b.test>")).startsWith("250 2.1.0");
            assertThat(c.command("RCPT TO:<" + u.address() + ">")).startsWith("250 2.1.5");
            assertThat(c.command("DATA")).startsWith("354");
            assertThat(c.command("Subject: secret\r\n\r\nbody\r\n.")).startsWith("250 2.0.0");
        }
        assertThat(new String(Stored.messages(gannet, u, "INBOX").get(0))).contains(" with LMTPS id ");
    }
}
