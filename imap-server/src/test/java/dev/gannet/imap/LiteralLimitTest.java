package dev.gannet.imap;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.GeneratedMail;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Literal limits (RFC 7888 §4, RFC 7889): a non-synchronising literal over APPENDLIMIT is read and thrown
 * away without a byte of it being taken for a command; a large APPEND goes through the spool file and
 * comes back byte for byte.
 */
class LiteralLimitTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap")
            .set(Settings.IMAP_APPEND_LIMIT, 1L << 20).build();

    private ImapTestClient login() throws Exception {
        TestUser user = gannet.createUser();
        ImapTestClient c = ImapTestClient.connect(gannet.port("imap"));
        c.readLine();
        assertThat(c.command("l", "LOGIN " + user.username() + " " + user.password()).get(0)).startsWith("l OK");
        return c;
    }

    @Test
    void rejectedNonSynchronisingLiteralIsDiscardedExactly() throws Exception {
        try (ImapTestClient c = login()) {
            StringBuilder upload = new StringBuilder();
            while (upload.length() < (1 << 20) + 100) {
                upload.append("x LOGOUT\r\n");
            }
            c.sendRaw(("a APPEND INBOX {" + upload.length() + "+}\r\n").getBytes(StandardCharsets.US_ASCII));
            c.sendRaw(upload.toString().getBytes(StandardCharsets.US_ASCII));
            c.sendRaw("\r\nb NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(c.readLine()).isEqualTo("a NO [TOOBIG] Message too large");
            assertThat(c.readLine()).isEqualTo("b OK NOOP completed");
        }
    }

    @Test
    void largeAppendIsSpooledAndFetchedBackExactly() throws Exception {
        byte[] message = GeneratedMail.withAttachment("spooled", "base64",
                GeneratedMail.base64(GeneratedMail.random(7, 600_000), 76, "\r\n", true).getBytes(StandardCharsets.US_ASCII), "\r\n");
        try (ImapTestClient c = login()) {
            c.send("a APPEND INBOX {" + message.length + "}");
            assertThat(c.readLine()).startsWith("+ ");
            c.sendRaw(message);
            c.send("");
            assertThat(c.readLine()).matches("a OK \\[APPENDUID \\d+ 1\\] Append completed");
            c.command("s", "EXAMINE INBOX");
            c.send("f FETCH 1 BODY.PEEK[]");
            assertThat(c.readLine()).isEqualTo("* 1 FETCH (BODY[] {" + message.length + "}");
            byte[] got = c.readBytes(message.length);
            assertThat(got).isEqualTo(message);
            assertThat(c.readLine()).isEqualTo(")");
            assertThat(c.readLine()).isEqualTo("f OK Fetch completed");
        }
        try (var files = java.nio.file.Files.list(gannet.dataDir().resolve("spool").resolve("imap"))) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void overlongLineIsAnsweredWithByeAndClosed() throws Exception {
        try (ImapTestClient c = login()) {
            c.send("a NOOP " + "y".repeat(70_000));
            assertThat(c.readLine()).isEqualTo("* BYE Command line too long");
            assertThat(c.readLine()).isNull();
        }
    }

}
