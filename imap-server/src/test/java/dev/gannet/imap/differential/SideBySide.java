package dev.gannet.imap.differential;

import dev.gannet.core.testing.DovecotServer;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.LineSocket;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A differential test's two servers: a Dovecot started beside the test's Gannet, one user on each, the same
 * message appended to a new mailbox on both, the same commands sent to both, and the untagged answers read byte
 * for byte (each byte as one ISO-8859-1 character, NULs shown as \0) so that they can be compared whole.
 */
final class SideBySide implements BeforeAllCallback, AfterAllCallback {

    private final GannetExtension gannet;
    private DovecotServer dovecot;
    private TestUser user;
    private int boxes;

    /** Registered after {@code gannet} (a lower {@code @Order}), so that Gannet is running when this starts. */
    SideBySide(GannetExtension gannet) {
        this.gannet = gannet;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dovecot = DovecotServer.start();
        // one user each side: Dovecot notices a changed passwd file only by its mtime, in whole seconds
        dovecot.addUser("ref", "secret");
        user = gannet.createUser();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    /** A mailbox name not used yet on either side. */
    String newBox() {
        return "m" + (++boxes);
    }

    LineSocket gannetLogin() throws IOException {
        return login(gannet.port("imap"), user.username(), user.password());
    }

    LineSocket dovecotLogin() throws IOException {
        return login(dovecot.imapPort(), "ref", "secret");
    }

    private static LineSocket login(int port, String user, String password) throws IOException {
        LineSocket c = new LineSocket(new Socket("127.0.0.1", port));
        c.timeout(10_000);
        c.readLine();
        c.send("a LOGIN " + user + " " + password);
        assertThat(untilTagged(c, "a")).last().asString().startsWith("a OK");
        return c;
    }

    /**
     * The untagged lines of each command (raw bytes: a non-ASCII argument goes in as a literal), after appending
     * {@code message} to the new mailbox {@code box} and selecting it; closes the connection.
     */
    static List<String> answers(LineSocket c, String box, byte[] message, List<byte[]> commands) throws IOException {
        try (c) {
            c.send("x CREATE " + box);
            untilTagged(c, "x");
            c.sendRaw(("b APPEND " + box + " {" + message.length + "+}\r\n").getBytes(StandardCharsets.US_ASCII));
            c.sendRaw(message);
            c.sendRaw("\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(untilTagged(c, "b")).as(new String(message, StandardCharsets.ISO_8859_1)).last().asString()
                    .startsWith("b OK");
            c.send("c SELECT " + box);
            untilTagged(c, "c");
            List<String> all = new ArrayList<>();
            for (int i = 0; i < commands.size(); i++) {
                String tag = "d" + i;
                c.sendRaw((tag + " ").getBytes(StandardCharsets.US_ASCII));
                c.sendRaw(commands.get(i));
                c.sendRaw("\r\n".getBytes(StandardCharsets.US_ASCII));
                List<String> lines = untilTagged(c, tag);
                assertThat(lines.get(lines.size() - 1)).startsWith(tag + " OK");
                lines.subList(0, lines.size() - 1).stream().map(l -> l.replace("\0", "\\0")).forEach(all::add);
            }
            return all;
        }
    }

    /** {@link #answers} for commands that are plain text. */
    static List<String> answers(LineSocket c, String box, String message, String... commands) throws IOException {
        return answers(c, box, message.getBytes(StandardCharsets.ISO_8859_1),
                List.of(commands).stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList());
    }

    static List<String> untilTagged(LineSocket c, String tag) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = c.readLine(StandardCharsets.ISO_8859_1)) != null) {
            lines.add(line);
            if (line.startsWith(tag + " ")) {
                return lines;
            }
        }
        throw new IOException("closed before " + tag + ": " + lines);
    }
}
