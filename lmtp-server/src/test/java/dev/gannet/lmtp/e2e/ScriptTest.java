package dev.gannet.lmtp.e2e;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protocol scripts under src/test/resources/scripts, one behaviour each, each against a fresh user. Lines:
 * {@code C: text} sends text and CRLF, {@code R: text} sends text alone ({@code \r \n \t} escapes, {@code ${rcpt}}
 * the user's address, {@code ${x:N}} N letters x, {@code ${lf:N}} N LFs), {@code S: prefix} expects the next reply
 * line to start with prefix, {@code CLOSED} expects the server to have closed, {@code STORED n} counts the user's
 * INBOX, {@code TAIL text} checks how its newest message ends (after the trace fields, with the same escapes). Every
 * script runs twice: written as whole lines, and one byte per write.
 */
class ScriptTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("lmtp")
            .set(Settings.LMTP_MAX_MESSAGE_SIZE, 10_000L)
            .set(Settings.LMTP_MAX_RECIPIENTS, 3)
            .build();

    private static final Pattern REPEAT = Pattern.compile("\\$\\{(x|lf):(\\d+)}");

    @TestFactory
    Stream<DynamicTest> scripts() throws Exception {
        Path dir = Path.of(ScriptTest.class.getResource("/scripts").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".lmtp")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().flatMap(f -> Stream.of(
                DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f, false)),
                DynamicTest.dynamicTest(f.getFileName() + " one byte per write", () -> run(f, true))));
    }

    private static void write(OutputStream out, String text, boolean byteByByte) throws java.io.IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (!byteByByte) {
            out.write(bytes);
        } else {
            for (byte b : bytes) {
                out.write(b);
                out.flush();
            }
        }
        out.flush();
    }

    private static String expand(String text, TestUser user) {
        String s = text.replace("${rcpt}", user.address().toString()).replace("\\r", "\r").replace("\\n", "\n")
                .replace("\\t", "\t");
        Matcher m = REPEAT.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, (m.group(1).equals("x") ? "x" : "\n").repeat(Integer.parseInt(m.group(2))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static void run(Path script, boolean byteByByte) throws Exception {
        TestUser user = gannet.createUser();
        List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", gannet.port("lmtp"))) {
            socket.setSoTimeout(15_000);
            socket.setTcpNoDelay(true);
            InputStream raw = socket.getInputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            int n = 0;
            for (String line : lines) {
                n++;
                String where = script.getFileName() + ":" + n + " " + line;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                } else if (line.startsWith("C: ")) {
                    write(out, expand(line.substring(3), user) + "\r\n", byteByByte);
                } else if (line.startsWith("R: ")) {
                    write(out, expand(line.substring(3), user), byteByByte);
                } else if (line.startsWith("S: ")) {
                    String got = in.readLine();
                    assertThat(got).as(where).isNotNull().startsWith(expand(line.substring(3), user));
                } else if (line.equals("CLOSED")) {
                    try {
                        assertThat(in.readLine()).as(where).isNull();
                    } catch (SocketTimeoutException e) {
                        throw new AssertionError(where + ": connection still open", e);
                    }
                } else if (line.startsWith("TAIL ")) {
                    List<byte[]> inbox = Stored.messages(gannet, user, "INBOX");
                    assertThat(inbox).as(where).isNotEmpty();
                    assertThat(new String(inbox.get(inbox.size() - 1), StandardCharsets.UTF_8)).as(where)
                            .endsWith(expand(line.substring(5), user));
                } else if (line.startsWith("STORED ")) {
                    assertThat(Stored.messages(gannet, user, "INBOX")).as(where)
                            .hasSize(Integer.parseInt(line.substring(7).trim()));
                } else {
                    throw new AssertionError("bad script line " + where);
                }
            }
        }
    }
}
