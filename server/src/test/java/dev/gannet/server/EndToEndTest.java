package dev.gannet.server;

import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mail through the whole server with real clients and a corpus nobody here wrote: Python's
 * {@code smtplib.LMTP} delivers Python's own email test messages, and {@code curl pop3://} retrieves each
 * one. What comes back is the trace header block Gannet put in front, then exactly what the MTA sent.
 */
class EndToEndTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("lmtp", "pop3").build();

    @Test
    void pythonCorpusDeliveredOverLmtpComesBackByteExactOverPop3() throws Exception {
        Path corpus = Path.of("..", "core", "src", "test", "resources", "mime", "python");
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("msg_")).sorted().limit(30).toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(20);
        TestUser user = gannet.createUser();

        List<String> deliver = new ArrayList<>(List.of("python3", script("deliver.py"),
                Integer.toString(gannet.port("lmtp")), user.address().toString()));
        files.forEach(f -> deliver.add(f.toString()));
        Result delivered = run(deliver);
        assertThat(delivered.exit).as(delivered.output).isZero();
        assertThat(delivered.output.lines().filter(l -> l.endsWith(" delivered"))).hasSize(files.size());

        for (int i = 0; i < files.size(); i++) {
            Result fetched = run(List.of("curl", "-s", "--max-time", "30",
                    "pop3://127.0.0.1:" + gannet.port("pop3") + "/" + (i + 1),
                    "-u", user.username() + ":" + user.password()));
            assertThat(fetched.exit).as("curl for message %d: %s", i + 1, fetched.output).isZero();
            byte[] sent = smtplibWireForm(Files.readAllBytes(files.get(i)));
            byte[] got = fetched.bytes;
            assertThat(new String(got, 0, Math.min(got.length, 200), StandardCharsets.ISO_8859_1))
                    .startsWith("Return-Path: <sender@example.org>\r\n");
            assertThat(endsWith(got, sent)).as("message %d (%s) ends with the bytes sent", i + 1, files.get(i)).isTrue();
        }
    }

    /** smtplib sends CRLF line endings and ends the data with CRLF (RFC 5321 §4.1.1.4). */
    private static byte[] smtplibWireForm(byte[] file) {
        String text = new String(file, StandardCharsets.ISO_8859_1).replaceAll("\r?\n|\r", "\r\n");
        if (!text.endsWith("\r\n")) {
            text += "\r\n";
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean endsWith(byte[] whole, byte[] tail) {
        if (tail.length > whole.length) {
            return false;
        }
        for (int i = 0; i < tail.length; i++) {
            if (whole[whole.length - tail.length + i] != tail[i]) {
                return false;
            }
        }
        return true;
    }

    private static String script(String name) {
        return Path.of("src", "test", "resources", "e2e", name).toString();
    }

    private record Result(int exit, byte[] bytes, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(p.exitValue(), out, new String(out, StandardCharsets.UTF_8));
    }
}
