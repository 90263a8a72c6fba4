package dev.gannet.imap.diff;

import dev.gannet.imap.ImapTestClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The messages differential tests load into Gannet and the reference server alike: Python's email test corpus
 * ({@code test_email/data/msg_*.txt}, from Debian's libpython3.11-testsuite) followed by the few extra messages
 * in {@code resources/diff} (HTML, charsets, 8-bit headers, obsolete dates), with CRLF line endings, each with
 * a fixed internal date and flags derived from its position, appended over IMAP so both servers see the same
 * APPEND. Message {@code i} (from 0) gets UID {@code i + 1} in a fresh mailbox.
 */
public final class DiffCorpus {

    /** One message to append: its bytes, the APPEND date-time and the flag list (without parentheses). */
    public record Message(String name, byte[] bytes, String internalDate, String flags) {
    }

    private static final String[] EXTRA = {"html-only.eml", "latin1-body.eml", "korean-utf8.eml", "obsolete-date.eml",
        "alt-attach.eml", "late-zone.eml"};

    private DiffCorpus() {
    }

    public static List<Message> messages() throws IOException, InterruptedException {
        List<byte[]> raw = new ArrayList<>();
        try (Stream<Path> files = Files.list(pythonData())) {
            for (Path p : files.filter(p -> p.getFileName().toString().matches("msg_.*\\.txt")).sorted().toList()) {
                raw.add(Files.readAllBytes(p));
            }
        }
        assertThat(raw).as("Python email corpus").hasSizeGreaterThanOrEqualTo(40);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            names.add("python-" + i);
        }
        for (String extra : EXTRA) {
            try (InputStream in = DiffCorpus.class.getResourceAsStream("/diff/" + extra)) {
                assertThat(in).as(extra).isNotNull();
                raw.add(in.readAllBytes());
                names.add(extra);
            }
        }
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            out.add(new Message(names.get(i), crlf(raw.get(i)), internalDate(i), flags(i)));
        }
        return out;
    }

    /** Creates {@code mailbox} and appends every message in order. */
    public static void load(ImapTestClient c, String mailbox, List<Message> messages) throws IOException {
        assertThat(c.command("c", "CREATE " + mailbox).get(0)).startsWith("c OK");
        int n = 0;
        for (Message m : messages) {
            String tag = "ap" + n++;
            c.send(tag + " APPEND " + mailbox + " (" + m.flags() + ") \"" + m.internalDate() + "\" {" + m.bytes().length + "}");
            String cont = c.readLine();
            assertThat(cont).as(m.name()).startsWith("+");
            c.sendRaw(m.bytes());
            c.sendRaw("\r\n".getBytes(StandardCharsets.US_ASCII));
            List<String> reply = c.readUntilTagged(tag);
            assertThat(reply.get(reply.size() - 1)).as(m.name()).startsWith(tag + " OK");
        }
    }

    /** A logged-in connection, greeting read. */
    public static ImapTestClient login(int port, String user, String password) throws IOException {
        ImapTestClient c = ImapTestClient.connect(port);
        assertThat(c.readLine()).startsWith("* OK");
        List<String> reply = c.command("l", "LOGIN " + user + " " + password);
        assertThat(reply.get(reply.size() - 1)).startsWith("l OK");
        return c;
    }

    /** Spread over March 2007 and over the day, so BEFORE/ON/SINCE split the corpus. */
    private static String internalDate(int i) {
        int day = 1 + (i * 7) % 28;
        return String.format("%2d-Mar-2007 %02d:%02d:%02d +0000", day, (i * 5) % 24, (i * 13) % 60, i % 60);
    }

    private static String flags(int i) {
        List<String> f = new ArrayList<>();
        if (i % 3 == 0) {
            f.add("\\Seen");
        }
        if (i % 4 == 1) {
            f.add("\\Flagged");
        }
        if (i % 5 == 2) {
            f.add("\\Answered");
        }
        if (i % 6 == 3) {
            f.add("\\Draft");
        }
        if (i % 9 == 4) {
            f.add("\\Deleted");
        }
        if (i % 7 == 5) {
            f.add("$Work");
        }
        return String.join(" ", f);
    }

    /** Bare LF becomes CRLF, so both servers count the same RFC822.SIZE. */
    static byte[] crlf(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + in.length / 20);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(in[i]);
        }
        return out.toByteArray();
    }

    private static Path pythonData() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c",
                "import test.test_email, os; print(os.path.dirname(test.test_email.__file__))").start();
        String dir = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        Path data = Path.of(dir, "data");
        assertThat(data).as("Python's email test corpus (libpython3.11-testsuite)").isDirectory();
        return data;
    }
}
