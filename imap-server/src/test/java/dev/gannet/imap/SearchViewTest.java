package dev.gannet.imap;

import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SEARCH answers from the session's view (RFC 3501 §6.4.4, §7.4.1): a message another session expunged is
 * still in this session's view until it is told with an EXPUNGE, which SEARCH by sequence number may not send
 * (§7.4.1), so SEARCH still lists it, by any criteria its data matched; after NOOP reports the EXPUNGE, SEARCH
 * no longer lists it. Dovecot 2.3 answers so too.
 */
class SearchViewTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    private TestUser user;

    /** Three messages, two sessions on INBOX; the second expunges message 2 (seen, flagged) and the first is not told. */
    private ViewClient[] twoSessionsAfterAnExpunge() throws IOException {
        user = gannet.createUser();
        Mailbox inbox = gannet.mailbox(user, "INBOX");
        for (int i = 0; i < 3; i++) {
            gannet.store().messages().append(new AppendRequest(user.id(), inbox.id(),
                    MessageSource.of(ScriptRunner.message("simple.eml")), Flags.NONE, null,
                    AppendRequest.Origin.LMTP)).block();
        }
        ViewClient a = ViewClient.login("a", gannet.port("imap"), user.username(), user.password());
        ViewClient b = ViewClient.login("b", gannet.port("imap"), user.username(), user.password());
        a.select("INBOX", false);
        b.select("INBOX", false);
        b.ok("STORE 2 +FLAGS (\\Seen \\Flagged \\Deleted)");
        b.ok("EXPUNGE");
        return new ViewClient[] {a, b};
    }

    private static List<String> search(ViewClient v, String criteria) throws IOException {
        List<String> lines = v.ok("SEARCH " + criteria);
        assertThat(lines).as("SEARCH %s holds back EXPUNGE", criteria).noneMatch(l -> l.endsWith(" EXPUNGE"));
        return lines.stream().filter(l -> l.startsWith("* SEARCH")).toList();
    }

    @Test
    void searchBySetListsWhatTheSessionWasNotToldIsGone() throws Exception {
        ViewClient[] s = twoSessionsAfterAnExpunge();
        try {
            ViewClient a = s[0];
            assertThat(search(a, "ALL")).containsExactly("* SEARCH 1 2 3");
            assertThat(search(a, "2:3")).containsExactly("* SEARCH 2 3");
            assertThat(search(a, "NOT 1")).containsExactly("* SEARCH 2 3");
            assertThat(a.ok("NOOP")).contains("* 2 EXPUNGE");
            assertThat(search(a, "ALL")).containsExactly("* SEARCH 1 2");
        } finally {
            s[0].close();
            s[1].close();
        }
    }

    @Test
    void searchByFlagsAndHeadersListsWhatTheSessionWasNotToldIsGone() throws Exception {
        ViewClient[] s = twoSessionsAfterAnExpunge();
        try {
            ViewClient a = s[0];
            assertThat(search(a, "DELETED")).containsExactly("* SEARCH 2");
            assertThat(search(a, "SEEN FLAGGED")).containsExactly("* SEARCH 2");
            assertThat(search(a, "UNSEEN")).containsExactly("* SEARCH 1 3");
            assertThat(search(a, "SUBJECT \"Hello Bob\"")).containsExactly("* SEARCH 1 2 3");
            assertThat(search(a, "FROM alice UNDELETED")).containsExactly("* SEARCH 1 3");
            List<String> uid = a.ok("UID SEARCH SUBJECT Bob");
            assertThat(uid).as("UID SEARCH lists it, then reports the EXPUNGE (RFC 3501 §7.4.1 allows it there)")
                    .containsSubsequence("* SEARCH 1 2 3", "* 2 EXPUNGE");
            assertThat(search(a, "SUBJECT Bob")).containsExactly("* SEARCH 1 2");
            assertThat(search(a, "DELETED")).containsExactly("* SEARCH");
        } finally {
            s[0].close();
            s[1].close();
        }
    }
}
