package dev.gannet.lmtp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestSecrets;
import dev.gannet.core.testing.TestUser;
import dev.gannet.delivery.outbound.Srs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reverse path of SRS over LMTP with Python's smtplib.LMTP: a bounce to an SRS0 address of
 * {@code outbound.srsDomain} is delivered to the local original sender; a forged hash, an expired address and
 * one whose original sender is not ours are 550 5.1.1, and the other recipients of the transaction are unaffected.
 */
class SrsBounceTest {

    private static final String SECRET = TestSecrets.register("lmtp-srs-secret");

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("lmtp")
            .set(Settings.OUTBOUND_SRS_DOMAIN, "bounces.gannet.test")
            .set(Settings.OUTBOUND_SRS_SECRET, SECRET).build();

    @TempDir
    Path dir;

    private static Srs srs(Instant at) {
        return new Srs("bounces.gannet.test", SECRET, Duration.ofDays(21), Clock.fixed(at, ZoneOffset.UTC));
    }

    @Test
    void aBounceToAnSrsAddressReachesTheLocalOriginalSender() throws Exception {
        TestUser alice = gannet.createUser();
        TestUser bob = gannet.createUser();
        String good = srs(Instant.now()).forward(alice.address().toString());
        String[] p = good.split("=", 3);
        String forged = p[0] + "=" + (p[1].equals("AAAA") ? "BBBB" : "AAAA") + "=" + p[2];
        String expired = srs(Instant.now().minus(Duration.ofDays(30))).forward(alice.address().toString());
        String foreign = srs(Instant.now()).forward("someone@remote.example");
        Path msg = Files.createTempFile(dir, "dsn", ".eml");
        Files.writeString(msg, "From: MAILER-DAEMON@relay.example\r\nSubject: Undelivered Mail\r\n\r\nsorry\r\n");

        PythonLmtp.Result r = PythonLmtp.run(60, "deliver", "" + gannet.port("lmtp"), "", msg.toString(),
                good, forged, expired, foreign, bob.address().toString());
        assertThat(r.exit()).as(r.lines().toString()).isZero();
        assertThat(r.reply("RCPT", good)).startsWith("250 2.1.5");
        assertThat(r.reply("RCPT", forged)).startsWith("550 5.1.1").contains("hash");
        assertThat(r.reply("RCPT", expired)).startsWith("550 5.1.1").contains("expired");
        assertThat(r.reply("RCPT", foreign)).startsWith("550 5.1.1");
        assertThat(r.reply("DATA", good)).startsWith("250 2.0.0");
        assertThat(r.reply("DATA", bob.address().toString())).startsWith("250 2.0.0");
        List<byte[]> inbox = Stored.messages(gannet, alice, "INBOX");
        assertThat(inbox).hasSize(1);
        assertThat(new String(inbox.get(0))).contains("Subject: Undelivered Mail");
        assertThat(Stored.messages(gannet, bob, "INBOX")).hasSize(1);
    }
}
