package dev.gannet.imap.differential;

import dev.gannet.core.testing.DovecotServer;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.LineSocket;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BODY[n.MIME], BODY[HEADER.FIELDS.NOT] and BINARY[n] (RFC 3501 §6.4.5, RFC 3516 §4.2) on awkward shapes (part
 * headers without a blank line, header lines without a colon, encoded parts), answered by Gannet and by
 * Dovecot: the untagged responses must be byte for byte the same.
 */
class SectionParityTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    private static DovecotServer dovecot;

    private static TestUser user;
    private static int boxes;

    @BeforeAll
    static void startDovecot() throws Exception {
        dovecot = DovecotServer.start();
        // one user each side: Dovecot notices a changed passwd file only by its mtime, in whole seconds
        dovecot.addUser("ref", "secret");
        user = gannet.createUser();
    }

    @AfterAll
    static void stopDovecot() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    private static final List<String> MESSAGES = List.of(
            "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n"
                    + "--b\r\nX-A: 1\r\n\r\n--b--\r\n",
            "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b\r\nContent-Type: text/plain\r\n",
            "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\nX-B: 2\r\n\r\n"
                    + "--b\r\nContent-Type: text/plain\r\nno colon\r\n\r\nt\r\n--b--\r\n",
            "Subject: a\r\nno colon line\r\nFrom: x@y\r\n\r\nbody\r\n",
            "Subject: a\r\nno colon\r\n",
            "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                    + "AAECaGVsbG8=\r\n--b\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nsoft=\r\nbreak =3D=00 end\r\n"
                    + "--b\r\nContent-Transfer-Encoding: 8bit\r\n\r\nplain\r\n--b--\r\n");

    private static final String FETCH = "FETCH 1 (BODY.PEEK[1.MIME] BODY.PEEK[2.MIME] BODY.PEEK[3.MIME]"
            + " BODY.PEEK[HEADER.FIELDS.NOT (SUBJECT)] BODY.PEEK[1] BODY.PEEK[2])";

    private static final String BINARY = "FETCH 1 (BINARY.PEEK[1] BINARY.SIZE[1] BINARY.PEEK[2]<2.6> BINARY.SIZE[2]"
            + " BINARY.PEEK[3] BINARY.PEEK[4])";

    @Test
    void sectionsMatchDovecot() throws Exception {
        for (String message : MESSAGES) {
            String box = "m" + (++boxes);
            assertThat(answers(gannetLogin(), box, message, FETCH)).as(message)
                    .isEqualTo(answers(dovecotLogin(), box, message, FETCH));
        }
    }

    @Test
    void binaryMatchesDovecot() throws Exception {
        String message = MESSAGES.get(MESSAGES.size() - 1);
        String box = "m" + (++boxes);
        assertThat(answers(gannetLogin(), box, message, BINARY)).isEqualTo(answers(dovecotLogin(), box, message, BINARY));
    }

    private static LineSocket gannetLogin() throws IOException {
        return login(gannet.port("imap"), user.username(), user.password());
    }

    private static LineSocket dovecotLogin() throws IOException {
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

    /** The untagged lines (literal bytes included, NULs shown as \0) of FETCH, after appending {@code message} to a new mailbox. */
    private static List<String> answers(LineSocket c, String box, String message, String fetch) throws IOException {
        try (c) {
            byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
            c.send("x CREATE " + box);
            untilTagged(c, "x");
            c.sendRaw(("b APPEND " + box + " {" + bytes.length + "+}\r\n").getBytes(StandardCharsets.US_ASCII));
            c.sendRaw(bytes);
            c.sendRaw("\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(untilTagged(c, "b")).as(message).last().asString().startsWith("b OK");
            c.send("c SELECT " + box);
            untilTagged(c, "c");
            c.send("d " + fetch);
            List<String> lines = untilTagged(c, "d");
            assertThat(lines.get(lines.size() - 1)).startsWith("d OK");
            return lines.subList(0, lines.size() - 1).stream().map(l -> l.replace("\0", "\\0")).toList();
        }
    }

    private static List<String> untilTagged(LineSocket c, String tag) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = c.readLine()) != null) {
            lines.add(line);
            if (line.startsWith(tag + " ")) {
                return lines;
            }
        }
        throw new IOException("closed before " + tag + ": " + lines);
    }
}
