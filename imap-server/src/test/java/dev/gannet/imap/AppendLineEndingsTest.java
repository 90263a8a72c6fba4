package dev.gannet.imap;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * APPEND (RFC 3501 §6.3.11) with Python's imaplib: a literal with bare LF line endings, or a mix, is stored with
 * CRLF (docs/store.md "Line endings"), answered with APPENDUID, and FETCH serves CRLF lines with an RFC822.SIZE
 * that is the length served, in BODY[] and its sections alike; a CRLF literal is kept byte for byte. The
 * literal goes out as it is, not through {@code imaplib.append}, which would make every CR and LF CRLF itself.
 */
class AppendLineEndingsTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap")
            .set(Settings.IMAP_ALLOW_PLAINTEXT_AUTH, true).build();

    @TempDir
    Path dir;

    private record Case(String sent, String header, String text) {
        String stored() {
            return header + text;
        }
    }

    @Test
    void bareLfAndMixedLiteralsAreStoredWithCrlfAndCrlfOnesExactly() throws Exception {
        Assumptions.assumeTrue(Tools.onPath("python3"), "python3 is not installed");
        List<Case> cases = List.of(
                new Case("From: a@example.org\nSubject: bare\n\nline one\n.dot\n\nlast",
                        "From: a@example.org\r\nSubject: bare\r\n\r\n", "line one\r\n.dot\r\n\r\nlast"),
                new Case("Subject: mixed\r\nX-A: 1\n\r\none\ntwo\r\nthree\n",
                        "Subject: mixed\r\nX-A: 1\r\n\r\n", "one\r\ntwo\r\nthree\r\n"),
                new Case("Subject: crlf\r\n\r\nkept\rexactly\r\r\n",
                        "Subject: crlf\r\n\r\n", "kept\rexactly\r\r\n"));
        TestUser user = gannet.createUser();
        List<String> command = new ArrayList<>(List.of("python3",
                Path.of(AppendLineEndingsTest.class.getResource("/python/append_line_endings.py").toURI()).toString(),
                "127.0.0.1", "" + gannet.port("imap"), user.username(), user.password()));
        for (Case c : cases) {
            Path f = Files.createTempFile(dir, "append", ".eml");
            Files.write(f, c.sent().getBytes(StandardCharsets.ISO_8859_1));
            command.add(f.toString());
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        if (!done) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(done).as("imaplib finished: %s", out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<String[]> results = out.lines().filter(l -> l.startsWith("MESSAGE ")).map(l -> l.split(" ")).toList();
        assertThat(results).as(out).hasSize(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String[] r = results.get(i);
            assertThat(Long.parseLong(r[2])).as("APPENDUID").isEqualTo(i + 1);
            assertThat(decode(r[4])).as("BODY[] of case %d", i).isEqualTo(c.stored());
            assertThat(Long.parseLong(r[3])).as("RFC822.SIZE of case %d", i).isEqualTo(c.stored().length());
            assertThat(decode(r[5])).as("BODY[HEADER] of case %d", i).isEqualTo(c.header());
            assertThat(decode(r[6])).as("BODY[TEXT] of case %d", i).isEqualTo(c.text());
        }
        assertThat(cases.get(2).stored()).isEqualTo(cases.get(2).sent());
    }

    private static String decode(String b64) {
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.ISO_8859_1);
    }
}
