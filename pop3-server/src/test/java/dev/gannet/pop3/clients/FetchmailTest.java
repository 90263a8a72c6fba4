package dev.gannet.pop3.clients;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import dev.gannet.pop3.Pop3Fixture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * fetchmail (the Debian package) downloads 200 messages over STLS through an MDA that writes one file
 * per message, then deletes them on the server. With {@code invisible} (no Received header added),
 * {@code no rewrite} (addresses untouched) and {@code no stripcr} (CRLF kept for the MDA), the files are
 * exactly the delivered bytes.
 */
class FetchmailTest {

    private static final int MESSAGES = 200;

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("pop3")
            .set(Settings.POP3_AUTH_FAILURE_DELAY, Duration.ZERO).build();

    private static byte[] message(int i) {
        StringBuilder sb = new StringBuilder();
        sb.append("From: Sender ").append(i).append(" <sender").append(i).append("@example.com>\r\n")
                .append("To: someone@example.org\r\n")
                .append("Subject: fetchmail message ").append(i).append("\r\n")
                .append("Message-ID: <fetch-").append(i).append("@example.com>\r\n")
                .append("Date: Mon, 7 Feb 1994 21:52:25 -0800\r\n\r\n");
        sb.append(".a line that starts with a dot\r\n..and one with two\r\n.\r\n");
        for (int line = 0; line < (i % 10) * 40; line++) {
            sb.append("line ").append(line).append(" of message ").append(i).append(" ").append("x".repeat(i % 60)).append("\r\n");
        }
        sb.append("end of ").append(i).append("\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void downloadsExactBytesAndDeletes(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(ExternalProcess.available("fetchmail"), "fetchmail not installed");
        TestUser user = gannet.createUser();
        List<byte[]> sent = new ArrayList<>();
        for (int i = 1; i <= MESSAGES; i++) {
            byte[] m = message(i);
            sent.add(m);
            Pop3Fixture.deliver(gannet, user, m);
        }
        Path out = Files.createDirectory(dir.resolve("out"));
        Path mda = ExternalProcess.script("fetchmail_mda.sh", dir);
        mda.toFile().setExecutable(true);
        Path rc = dir.resolve("fetchmailrc");
        Files.writeString(rc, "set no bouncemail\nset no syslog\nset invisible\n"
                + "poll 127.0.0.1 with protocol POP3 and service " + gannet.port("pop3") + " and timeout 60\n"
                + "  user \"" + user.username() + "\" there with password \"secret\" is \"" + System.getProperty("user.name")
                + "\" here\n"
                + "  options fetchall no keep no rewrite no stripcr no sslcertck\n"
                + "  mda \"" + mda + " " + out + "\"\n");
        Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
        String log = ExternalProcess.run(List.of("env", "FETCHMAILHOME=" + dir, "HOME=" + dir, "fetchmail", "-v",
                "--nodetach", "-f", rc.toString(), "--pidfile", dir.resolve("fetchmail.pid").toString()), dir);
        assertThat(log).contains("STLS");

        List<Path> files;
        try (Stream<Path> s = Files.list(out)) {
            files = s.sorted().toList();
        }
        assertThat(files).hasSize(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            Pop3Fixture.assertSameBytes(Files.readAllBytes(files.get(i)), sent.get(i), "message " + (i + 1));
        }
        assertThat(Pop3Fixture.inbox(gannet, user)).isEmpty();
    }
}
