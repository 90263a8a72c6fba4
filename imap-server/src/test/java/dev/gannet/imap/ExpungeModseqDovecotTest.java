package dev.gannet.imap;

import dev.gannet.core.testing.DovecotServer;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential test against Dovecot 2.3 of the tagged OK of EXPUNGE, UID EXPUNGE and CLOSE (RFC 7162 §3.2.7–
 * §3.2.9): with CONDSTORE only none carries a response code; once QRESYNC is enabled EXPUNGE and UID EXPUNGE carry
 * {@code [HIGHESTMODSEQ n]} and CLOSE does not. Modseq values differ between the servers, so each one's n must be
 * the HIGHESTMODSEQ its own STATUS reports right after.
 */
class ExpungeModseqDovecotTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    private static final Pattern CODE = Pattern.compile("^OK \\[HIGHESTMODSEQ (\\d+)] ");
    private static final Pattern STATUS = Pattern.compile("HIGHESTMODSEQ (\\d+)\\)");

    @Test
    void taggedOkMatchesDovecot() throws Exception {
        try (DovecotServer dovecot = DovecotServer.start()) {
            dovecot.addUser("ref", "secret");
            TestUser user = gannet.createUser();
            List<String> ours = run(gannet.port("imap"), user.username(), user.password());
            List<String> theirs = run(dovecot.imapPort(), "ref", "secret");
            assertThat(theirs).contains("QRESYNC EXPUNGE -> OK [HIGHESTMODSEQ = STATUS]");
            assertThat(ours).containsExactlyElementsOf(theirs);
        }
    }

    /** The shape of each tagged OK: its response code, and whether its modseq is the one STATUS then reports. */
    private static List<String> run(int port, String user, String password) throws IOException {
        List<String> seen = new ArrayList<>();
        try (ImapTestClient a = ImapTestClient.connect(port)) {
            a.timeout(10_000);
            a.readLine();
            a.command("l", "LOGIN " + user + " " + password);
            a.command("c", "CREATE Other");
            for (String mode : List.of("CONDSTORE", "QRESYNC")) {
                String box = mode.equals("CONDSTORE") ? "INBOX" : "Other";
                if (mode.equals("QRESYNC")) {
                    a.command("e", "ENABLE QRESYNC");
                }
                for (int i = 0; i < 4; i++) {
                    String message = "Subject: m" + i + "\r\n\r\nbody\r\n";
                    a.append("p" + i, box, "(\\Deleted)", message);
                }
                a.command("s", "SELECT " + box + (mode.equals("CONDSTORE") ? " (CONDSTORE)" : ""));
                seen.add(mode + " UID EXPUNGE -> " + shape(a, "u", "UID EXPUNGE 1", box));
                seen.add(mode + " EXPUNGE -> " + shape(a, "x", "EXPUNGE", box));
                a.command("s", "SELECT " + box);
                seen.add(mode + " CLOSE -> " + shape(a, "k", "CLOSE", box));
            }
        }
        return seen;
    }

    private static String shape(ImapTestClient a, String tag, String command, String box) throws IOException {
        List<String> lines = a.command(tag, command);
        String status = lines.get(lines.size() - 1).substring(tag.length() + 1);
        Matcher m = CODE.matcher(status);
        if (!m.find()) {
            return status.split(" ")[0] + (status.contains("[") ? " [?]" : "");
        }
        List<String> st = a.command("t", "STATUS " + box + " (HIGHESTMODSEQ)");
        Matcher now = STATUS.matcher(String.join("\n", st));
        return "OK [HIGHESTMODSEQ " + (now.find() && now.group(1).equals(m.group(1)) ? "= STATUS]" : m.group(1) + "]");
    }
}
