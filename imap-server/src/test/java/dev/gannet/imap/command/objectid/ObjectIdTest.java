package dev.gannet.imap.command.objectid;

import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import dev.gannet.imap.ImapTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 8474 over a real connection: a MAILBOXID survives RENAME and is never given to another mailbox (INBOX keeps
 * its own when renamed, RFC 3501 §6.3.5), a copy or a
 * moved message keeps its EMAILID, SEARCH EMAILID / THREADID find exactly the messages with that id (copies
 * included), and a reply shares its original's THREADID.
 */
class ObjectIdTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    private TestUser user;
    private ImapTestClient c;

    @BeforeEach
    void setUp() throws IOException {
        user = gannet.createUser();
        c = ImapTestClient.connect(gannet.port("imap"));
        c.readLine();
        assertThat(last(c.command("a", "LOGIN " + user.username() + " " + user.password()))).startsWith("a OK");
    }

    @AfterEach
    void tearDown() throws IOException {
        c.close();
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    private static String find(List<String> lines, String regex) {
        Pattern p = Pattern.compile(regex);
        for (String l : lines) {
            Matcher m = p.matcher(l);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no " + regex + " in " + lines);
    }

    private String mailboxId(String name) throws IOException {
        return find(c.command("s", "STATUS " + name + " (MAILBOXID)"), "MAILBOXID \\(([A-Za-z0-9_-]+)\\)");
    }

    private void deliver(String mailbox, String message) throws IOException {
        byte[] bytes;
        try (InputStream in = ObjectIdTest.class.getResourceAsStream("/messages/" + message)) {
            bytes = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replaceAll("\r?\n", "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        gannet.store().messages().append(new AppendRequest(user.id(), gannet.mailbox(user, mailbox).id(),
                MessageSource.of(bytes), Flags.parse(List.of()), Instant.now(), AppendRequest.Origin.LMTP)).block();
    }

    private String fetch(int seq, String item) throws IOException {
        return find(c.command("f", "FETCH " + seq + " " + item), item + " \\(([A-Za-z0-9_-]+)\\)");
    }

    private String search(String criteria) throws IOException {
        return find(c.command("q", "UID SEARCH " + criteria), "^\\* SEARCH(.*)$").trim();
    }

    @Test
    void mailboxIdIsKeptByRenameAndNeverReused() throws IOException {
        String created = find(c.command("c1", "CREATE Projects"), "OK \\[MAILBOXID \\(([A-Za-z0-9_-]+)\\)\\]");
        assertThat(mailboxId("Projects")).isEqualTo(created);
        assertThat(last(c.command("r", "RENAME Projects Finished"))).startsWith("r OK");
        assertThat(mailboxId("Finished")).isEqualTo(created);
        assertThat(find(c.command("x", "EXAMINE Finished"), "OK \\[MAILBOXID \\(([A-Za-z0-9_-]+)\\)\\]")).isEqualTo(created);
        String again = find(c.command("c2", "CREATE Projects"), "OK \\[MAILBOXID \\(([A-Za-z0-9_-]+)\\)\\]");
        assertThat(again).isNotEqualTo(created).isNotEqualTo(mailboxId("INBOX"));
        String inbox = mailboxId("INBOX");
        assertThat(last(c.command("ri", "RENAME INBOX OldInbox"))).startsWith("ri OK");
        assertThat(mailboxId("INBOX")).as("INBOX keeps its id").isEqualTo(inbox);
        assertThat(mailboxId("OldInbox")).as("the mailbox the messages went to is new").isNotIn(inbox, created, again);
        assertThat(last(c.command("d", "DELETE Finished"))).startsWith("d OK");
        assertThat(find(c.command("c3", "CREATE Finished"), "OK \\[MAILBOXID \\(([A-Za-z0-9_-]+)\\)\\]"))
                .isNotEqualTo(created).isNotEqualTo(again);
    }

    @Test
    void copiesAndMovesKeepTheEmailIdAndSearchFindsThem() throws IOException {
        deliver("INBOX", "simple.eml");
        deliver("INBOX", "alternative.eml"); // a reply to simple.eml
        deliver("INBOX", "html-only.eml");
        c.command("c", "CREATE Other");
        c.command("s", "SELECT INBOX");
        String first = fetch(1, "EMAILID");
        String reply = fetch(2, "EMAILID");
        String third = fetch(3, "EMAILID");
        assertThat(List.of(first, reply, third)).doesNotHaveDuplicates();
        String thread = fetch(1, "THREADID");
        assertThat(fetch(2, "THREADID")).isEqualTo(thread);
        assertThat(fetch(3, "THREADID")).isNotEqualTo(thread);

        assertThat(last(c.command("k", "COPY 1 INBOX"))).startsWith("k OK"); // a copy in the same mailbox: UID 4
        assertThat(last(c.command("k2", "COPY 1:2 Other"))).startsWith("k2 OK");
        assertThat(search("EMAILID " + first)).isEqualTo("1 4");
        assertThat(search("THREADID " + thread)).isEqualTo("1 2 4");
        assertThat(search("EMAILID " + first + " UID 2:*")).isEqualTo("4");
        assertThat(search("OR EMAILID " + third + " EMAILID " + reply)).isEqualTo("2 3");
        assertThat(last(c.command("m", "UID MOVE 3 Other"))).startsWith("m OK");
        assertThat(search("EMAILID " + third)).isEmpty();

        c.command("s2", "SELECT Other");
        assertThat(fetch(1, "EMAILID")).isEqualTo(first);
        assertThat(fetch(2, "EMAILID")).isEqualTo(reply);
        assertThat(fetch(3, "EMAILID")).isEqualTo(third);
        assertThat(fetch(2, "THREADID")).isEqualTo(thread);
        assertThat(search("EMAILID " + third)).isEqualTo("3");
        assertThat(search("THREADID " + thread)).isEqualTo("1 2");
    }
}
