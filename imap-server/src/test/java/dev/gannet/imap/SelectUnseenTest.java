package dev.gannet.imap;

import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Flag;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code [UNSEEN n]} on SELECT (RFC 3501 §6.3.1) in a mailbox larger than one read batch: the first unseen
 * message is exact whether the unread mail is all at the end, spread over the mailbox, or only at its start.
 */
class SelectUnseenTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    @Test
    void firstUnseenInALargeMailbox() throws Exception {
        assertThat(unseenLine(450, Set.of(440, 445, 450))).isEqualTo("* OK [UNSEEN 440] First unseen");
        assertThat(unseenLine(450, Set.of(7, 300, 449))).isEqualTo("* OK [UNSEEN 7] First unseen");
        assertThat(unseenLine(450, Set.of(2))).isEqualTo("* OK [UNSEEN 2] First unseen");
        assertThat(unseenLine(450, Set.of())).isNull();
    }

    /** Fills a fresh INBOX with {@code n} messages, unseen where listed, and returns SELECT's UNSEEN line. */
    private static String unseenLine(int n, Set<Integer> unseen) throws Exception {
        TestUser user = gannet.createUser();
        var inbox = gannet.mailbox(user, "INBOX");
        for (int i = 1; i <= n; i++) {
            byte[] mail = ("Subject: " + i + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
            gannet.store().messages().append(new AppendRequest(user.id(), inbox.id(), MessageSource.of(mail),
                    unseen.contains(i) ? Flags.NONE : Flags.of(Flag.SEEN), null, AppendRequest.Origin.LMTP)).block();
        }
        try (ImapTestClient c = ImapTestClient.connect(gannet.port("imap"))) {
            c.readLine();
            c.command("a1", "LOGIN " + user.username() + " " + user.password());
            List<String> select = c.command("a2", "EXAMINE INBOX");
            assertThat(select.get(select.size() - 1)).startsWith("a2 OK");
            return select.stream().filter(l -> l.contains("[UNSEEN ")).findFirst().orElse(null);
        }
    }
}
