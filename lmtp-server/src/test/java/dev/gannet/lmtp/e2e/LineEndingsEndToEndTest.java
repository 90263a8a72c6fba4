package dev.gannet.lmtp.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gannet.core.config.Settings;
import dev.gannet.core.mime.LineEndings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mail with bare LF, mixed and CRLF line endings delivered by Python's smtplib.LMTP, read back by imaplib and
 * poplib from the same node: every delivery is answered 250, IMAP serves CRLF lines with an RFC822.SIZE that
 * is the length it serves, POP3 serves the same bytes in CRLF lines, and a CRLF message stays byte-exact.
 */
class LineEndingsEndToEndTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("lmtp", "imap", "pop3")
            .set(Settings.IMAP_ALLOW_PLAINTEXT_AUTH, true)
            .set(Settings.POP3_ALLOW_PLAINTEXT_AUTH, true)
            .set(Settings.POP3_AUTH_FAILURE_DELAY, java.time.Duration.ZERO)
            .build();

    @TempDir
    Path dir;

    private static final String BARE_LF = "From: Alice <alice@example.org>\nTo: bob@example.com\nSubject: bare lf\n\n"
            + ".a line that starts with a dot\n..and one with two\nlast line\n";
    private static final String MIXED = "From: Alice <alice@example.org>\r\nSubject: mixed\n\r\nline one\r\nline two\n"
            + ".dot\nline three\r\n";
    private static final String CRLF = "From: Alice <alice@example.org>\r\nSubject: crlf\r\n\r\nexact\rbytes\r\n"
            + ".dot\r\n\r\n";

    @Test
    void everyLineEndingIsDeliveredAndServedAsCrlf() throws Exception {
        TestUser bob = gannet.createUser();
        List<String> specs = List.of(file(BARE_LF), file(MIXED), file(CRLF), "email-corpus:msg_07.txt");
        JsonNode messages = run(bob, specs).get("messages");
        assertThat(messages).hasSize(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            JsonNode m = messages.get(i);
            byte[] sent = bytes(m, "sent");
            byte[] imap = bytes(m, "imap");
            String what = specs.get(i);
            assertThat(m.get("lmtp").asText()).as(what).startsWith("250 2.0.0");
            Stored.trace(imap, LineEndings.toCrlf(framed(sent)));
            assertThat(LineEndings.bareLineFeeds(imap)).as(what + ": IMAP serves no bare LF").isZero();
            assertThat(m.get("imap_size").asLong()).as(what + ": RFC822.SIZE").isEqualTo(imap.length);
            assertThat(bytes(m, "pop3")).as(what + ": POP3 RETR, unstuffed").isEqualTo(imap);
            assertThat(m.get("pop3_crlf").asBoolean()).as(what + ": every POP3 line ends in CRLF").isTrue();
            assertThat(m.get("pop3_list").asLong()).as(what + ": POP3 LIST").isEqualTo(imap.length);
        }
        assertThat(LineEndings.bareLineFeeds(bytes(messages.get(0), "sent"))).as("the corpus sends bare LFs").isPositive();
        assertThat(LineEndings.bareLineFeeds(bytes(messages.get(3), "sent"))).isPositive();
        byte[] crlf = bytes(messages.get(2), "imap");
        String tail = new String(crlf, StandardCharsets.ISO_8859_1).substring(crlf.length - CRLF.length());
        assertThat(tail).as("a CRLF message is stored byte for byte").isEqualTo(CRLF);
        assertThat(new String(bytes(messages.get(0), "imap"), StandardCharsets.ISO_8859_1))
                .endsWith("\r\n\r\n.a line that starts with a dot\r\n..and one with two\r\nlast line\r\n\r\n");
    }

    /** What smtplib puts between DATA and the final dot: the message, and a CRLF if it does not end with one. */
    private static byte[] framed(byte[] sent) {
        int n = sent.length;
        if (n >= 2 && sent[n - 2] == '\r' && sent[n - 1] == '\n') {
            return sent;
        }
        byte[] out = java.util.Arrays.copyOf(sent, n + 2);
        out[n] = '\r';
        out[n + 1] = '\n';
        return out;
    }

    private static byte[] bytes(JsonNode m, String field) {
        return Base64.getDecoder().decode(m.get(field).asText());
    }

    private String file(String message) throws IOException {
        Path f = Files.createTempFile(dir, "msg", ".eml");
        Files.write(f, message.getBytes(StandardCharsets.ISO_8859_1));
        return f.toString();
    }

    private JsonNode run(TestUser user, List<String> specs) throws Exception {
        Path script = dir.resolve("line_endings.py");
        try (InputStream in = LineEndingsEndToEndTest.class.getResourceAsStream("/python/line_endings.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of("python3", script.toString(), "" + gannet.port("lmtp"),
                "" + gannet.port("imap"), "" + gannet.port("pop3"), user.username(), user.password(),
                user.address().toString()));
        command.addAll(specs);
        Path output = dir.resolve("out.json");
        Path errors = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("python clients still running after 120 s: " + Files.readString(errors));
        }
        assertThat(p.exitValue()).as(Files.readString(errors)).isZero();
        return new ObjectMapper().readTree(output.toFile());
    }
}
