package dev.gannet.imap.command.objectid;

import dev.gannet.core.testing.DovecotServer;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import dev.gannet.imap.ImapTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same messages APPENDed to Dovecot 2.3 and to Gannet: FETCH PREVIEW [(LAZY)] answers the same text (RFC 8970)
 * and SAVEDATE and its SEARCH keys the same forms (RFC 8514; dates are compared as shapes). Dovecot 2.3 has no
 * OBJECTID (RFC 8474: it answers EMAILID with BAD), so ObjectIdTest and the objectid scripts check those alone.
 */
class DovecotFormsTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    /**
     * Not html-only.eml: Dovecot 2.3 keeps a no-break space as U+00A0 and leaves a space where each tag was
     * ({@code Hello\u00a0Bob , the}); Gannet collapses both ({@code Hello Bob, the}), see the preview script.
     */
    private static final List<String> MESSAGES = List.of("simple.eml", "alternative.eml", "nested.eml", "utf8.eml");

    private static ImapTestClient login(int port, String user, String password) throws IOException {
        ImapTestClient c = new ImapTestClient(new Socket(InetAddress.getLoopbackAddress(), port));
        c.timeout(10_000);
        c.readLine();
        List<String> r = c.command("l", "LOGIN " + user + " " + password);
        assertThat(r.get(r.size() - 1)).startsWith("l OK");
        return c;
    }

    private static void append(ImapTestClient c, byte[] message) throws IOException {
        c.send("p APPEND INBOX {" + message.length + "}");
        assertThat(c.readLine()).startsWith("+");
        c.sendRaw(message);
        c.sendRaw("\r\n".getBytes(StandardCharsets.US_ASCII));
        List<String> r = c.readUntilTagged("p");
        assertThat(r.get(r.size() - 1)).startsWith("p OK");
    }

    private static byte[] message(String name) throws IOException {
        try (InputStream in = DovecotFormsTest.class.getResourceAsStream("/messages/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("\r?\n", "\r\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Every response line of {@code command}, with the tagged one's text cut to its status. */
    private static List<String> run(ImapTestClient c, String command) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : c.command("t", command)) {
            out.add(line.startsWith("t ") ? line.split(" ")[1] : line);
        }
        return out;
    }

    private static String shapes(String line) {
        return line.replaceAll("(EMAILID|THREADID|MAILBOXID) \\([A-Za-z0-9_-]{1,255}\\)", "$1 (id)")
                .replaceAll("SAVEDATE \"[ 0-9]\\d-[A-Z][a-z]{2}-\\d{4} \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}\"", "SAVEDATE (date)");
    }

    @Test
    void previewAndObjectFormsMatchDovecot() throws Exception {
        try (DovecotServer dovecot = DovecotServer.start()) {
            dovecot.addUser("ref", "secret");
            TestUser user = gannet.createUser();
            try (ImapTestClient ref = login(dovecot.imapPort(), "ref", "secret");
                    ImapTestClient ours = login(gannet.port("imap"), user.username(), user.password())) {
                for (String m : MESSAGES) {
                    append(ref, message(m));
                    append(ours, message(m));
                }
                run(ref, "SELECT INBOX");
                run(ours, "SELECT INBOX");
                for (String command : List.of("FETCH 1:* PREVIEW", "FETCH 1:* (PREVIEW (LAZY))", "FETCH 1 SAVEDATE",
                        "SEARCH SAVEDATESUPPORTED", "SEARCH SAVEDSINCE 1-Jan-2000")) {
                    List<String> expected = run(ref, command);
                    List<String> actual = run(ours, command);
                    assertThat(actual.stream().map(DovecotFormsTest::shapes).toList()).as(command)
                            .isEqualTo(expected.stream().map(DovecotFormsTest::shapes).toList());
                }
            }
        }
    }
}
