package dev.gannet.imap;

import dev.gannet.core.testing.DovecotServer;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential test against Dovecot 2.3: the same mailbox (five messages, 2 and 4 seen) on both servers, the
 * same SEARCH and SORT RETURN commands (RFC 4731 ESEARCH, RFC 5182 SAVE and {@code $}, RFC 5267 ESORT, PARTIAL
 * and UPDATE), and
 * the ESEARCH and FETCH lines and the tagged status of each must be the same; then a second session changes
 * flags, expunges and appends, and both servers must send the same ADDTO and REMOVEFROM updates.
 */
class EsearchDovecotTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    private static final List<String> COMMANDS = List.of(
            "SEARCH RETURN (MIN MAX COUNT ALL) UNSEEN",
            "UID SEARCH RETURN (COUNT ALL MAX MIN) UNSEEN",
            "SEARCH RETURN () ALL",
            "SEARCH RETURN (MIN MAX COUNT ALL) DELETED",
            "SEARCH RETURN (ALL) DELETED",
            "UID SEARCH RETURN (MIN) DELETED",
            "SEARCH RETURN (MIN MIN) 2:4",
            "SEARCH RETURN (FOO) ALL",
            "SEARCH RETURN (PARTIAL 1:2) ALL",
            "SEARCH RETURN (PARTIAL 4:10) ALL",
            "SEARCH RETURN (PARTIAL 10:20) ALL",
            "UID SEARCH RETURN (PARTIAL 2:3 COUNT) UNSEEN",
            "SEARCH RETURN (PARTIAL 1:2 ALL) ALL",
            "SEARCH RETURN (PARTIAL 0:2) ALL",
            "SEARCH RETURN (SAVE) SEEN",
            "FETCH $ UID",
            "SEARCH RETURN (SAVE MIN) UNSEEN",
            "FETCH $ UID",
            "SEARCH RETURN (SAVE MIN MAX) UNSEEN",
            "FETCH $ UID",
            "SEARCH RETURN (SAVE MIN COUNT) UNSEEN",
            "FETCH $ UID",
            "SEARCH RETURN (PARTIAL 2:3 SAVE) ALL",
            "FETCH $ UID",
            "SEARCH RETURN (SAVE) FOO",
            "FETCH $ UID",
            "SEARCH RETURN (SAVE) CHARSET X-UNKNOWN SUBJECT a",
            "FETCH $ UID",
            "SEARCH RETURN (SAVE) 2:3",
            "SEARCH RETURN (MIN) $",
            "UID SEARCH RETURN (ALL) NOT $",
            "SEARCH $,1",
            "SORT RETURN (MIN MAX COUNT ALL) (REVERSE SUBJECT) UTF-8 ALL",
            "UID SORT RETURN (COUNT ALL MIN MAX) (REVERSE SUBJECT) UTF-8 UNSEEN",
            "SORT RETURN () (SUBJECT) UTF-8 ALL",
            "SORT RETURN (PARTIAL 2:3) (REVERSE SUBJECT) UTF-8 ALL",
            "SORT RETURN (COUNT) (SUBJECT) UTF-8 DELETED",
            "SORT RETURN (ALL MIN) (SUBJECT) UTF-8 DELETED",
            "SORT RETURN (SAVE MIN) (REVERSE SUBJECT) UTF-8 ALL",
            "FETCH $ UID",
            "SORT RETURN (SAVE) (REVERSE SUBJECT) UTF-8 SEEN",
            "FETCH $ UID",
            "SORT RETURN (FOO) (SUBJECT) UTF-8 ALL",
            "UID SEARCH RETURN (UPDATE) UNSEEN",
            "SEARCH RETURN (UPDATE ALL) UNSEEN");

    private static final List<String> CHANGES = List.of(
            "STORE 1 +FLAGS.SILENT (\\Seen)",
            "STORE 1:2 -FLAGS.SILENT (\\Seen)",
            "STORE 3 +FLAGS.SILENT (\\Deleted)",
            "EXPUNGE");

    @Test
    void responsesMatchDovecot() throws Exception {
        try (DovecotServer dovecot = DovecotServer.start()) {
            dovecot.addUser("ref", "secret");
            TestUser user = gannet.createUser();
            List<String> ours = run(gannet.port("imap"), user.username(), user.password());
            List<String> theirs = run(dovecot.imapPort(), "ref", "secret");
            assertThat(theirs).anyMatch(l -> l.contains("ADDTO (0 1:2)")).anyMatch(l -> l.contains("REMOVEFROM (0 3)"))
                    .anyMatch(l -> l.contains("PARTIAL (4:10 4:5)"));
            assertThat(ours).containsExactlyElementsOf(theirs);
        }
    }

    /** Runs the commands; returns, per command, its ESEARCH and FETCH lines and the status of its tagged line. */
    private static List<String> run(int port, String user, String password) throws IOException {
        List<String> seen = new ArrayList<>();
        try (ImapTestClient a = ImapTestClient.connect(port); ImapTestClient b = ImapTestClient.connect(port)) {
            a.timeout(10_000);
            b.timeout(10_000);
            a.readLine();
            b.readLine();
            a.command("l", "LOGIN " + user + " " + password);
            b.command("l", "LOGIN " + user + " " + password);
            for (int i = 1; i <= 5; i++) {
                String message = "Subject: m" + i + "\r\n\r\nbody\r\n";
                a.append("p" + i, "INBOX", i % 2 == 0 ? "(\\Seen)" : "", message);
            }
            a.command("s", "SELECT INBOX");
            b.command("s", "SELECT INBOX");
            int n = 0;
            for (String command : COMMANDS) {
                String tag = "c" + n++;
                seen.add(command + " -> " + relevant(a.command(tag, command), tag));
            }
            for (String change : CHANGES) {
                b.command("b" + n, change);
                String tag = "c" + n++;
                seen.add(change + " -> " + relevant(a.command(tag, "NOOP"), tag));
            }
            b.send("b" + n + " APPEND INBOX {17+}");
            b.sendRaw("Subject: new\r\n\r\nx\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            b.readUntilTagged("b" + n);
            String tag = "c" + n;
            seen.add("append -> " + relevant(a.command(tag, "NOOP"), tag));
        }
        return seen;
    }

    private static List<String> relevant(List<String> lines, String tag) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("* ESEARCH") || line.contains(" EXPUNGE") || line.matches("\\* \\d+ FETCH \\(UID \\d+\\)")) {
                out.add(line);
            } else if (line.startsWith(tag + " ")) {
                out.add(line.substring(tag.length() + 1).split(" ")[0]);
            }
        }
        return out;
    }
}
