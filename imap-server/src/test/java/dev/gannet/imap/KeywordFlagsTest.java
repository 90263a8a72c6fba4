package dev.gannet.imap;

import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keywords in FLAGS and PERMANENTFLAGS (RFC 3501 §6.3.1, §7.2.6): SELECT lists every keyword the mailbox's
 * messages have carried after the system flags, and a keyword new to the session is announced with
 * {@code * FLAGS} and then {@code * OK [PERMANENTFLAGS]} (the order Dovecot 2.3 uses) before the first response
 * that shows it, whether it came from this session's STORE or APPEND or from another session. Keywords match
 * without case.
 */
class KeywordFlagsTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    private static final String SYSTEM = "\\Answered \\Flagged \\Deleted \\Seen \\Draft";

    private TestUser user;
    private Mailbox inbox;
    private final List<ViewClient> sessions = new ArrayList<>();

    @BeforeEach
    void setUp() {
        user = gannet.createUser();
        inbox = gannet.mailbox(user, "INBOX");
    }

    @AfterEach
    void tearDown() throws IOException {
        for (ViewClient v : sessions) {
            assertThat(v.unannounced).as("%s: keywords shown before FLAGS named them", v.name).isEmpty();
            v.close();
        }
        sessions.clear();
    }

    private ViewClient session(String name) throws IOException {
        ViewClient v = ViewClient.login(name, gannet.port("imap"), user.username(), user.password());
        sessions.add(v);
        return v;
    }

    private void deliver(Mailbox box, String... keywords) throws IOException {
        gannet.store().messages().append(new AppendRequest(user.id(), box.id(),
                MessageSource.of(ScriptRunner.message("simple.eml")), Flags.parse(List.of(keywords)), null,
                AppendRequest.Origin.LMTP)).block();
    }

    private static List<String> untagged(List<String> lines) {
        return lines.subList(0, lines.size() - 1);
    }

    @Test
    void selectAndExamineListTheKeywordsInUse() throws Exception {
        deliver(inbox, "$Forwarded");
        deliver(inbox, "Junk", "$forwarded");
        ViewClient a = session("a");
        List<String> select = a.select("INBOX", false);
        assertThat(select).startsWith("* FLAGS (" + SYSTEM + " $Forwarded Junk)",
                "* OK [PERMANENTFLAGS (" + SYSTEM + " $Forwarded Junk \\*)] Flags permitted");
        List<String> examine = a.select("INBOX", true);
        assertThat(examine).contains("* FLAGS (" + SYSTEM + " $Forwarded Junk)", "* OK [PERMANENTFLAGS ()] Read-only mailbox");
        a.ok("FETCH 1:* FLAGS");
    }

    @Test
    void storeAnnouncesANewKeywordBeforeItsFetch() throws Exception {
        deliver(inbox);
        deliver(inbox);
        ViewClient a = session("a");
        a.select("INBOX", false);
        assertThat(untagged(a.ok("STORE 1 +FLAGS (NewOne)"))).containsExactly(
                "* FLAGS (" + SYSTEM + " NewOne)",
                "* OK [PERMANENTFLAGS (" + SYSTEM + " NewOne \\*)] Flags permitted",
                "* 1 FETCH (FLAGS (NewOne \\Recent))");
        assertThat(untagged(a.ok("STORE 2 +FLAGS (newone)"))).as("the same keyword in another case")
                .containsExactly("* 2 FETCH (FLAGS (newone \\Recent))");
        assertThat(untagged(a.ok("STORE 2 +FLAGS.SILENT (Quiet)"))).as(".SILENT still defines it").containsExactly(
                "* FLAGS (" + SYSTEM + " NewOne Quiet)",
                "* OK [PERMANENTFLAGS (" + SYSTEM + " NewOne Quiet \\*)] Flags permitted");
        a.ok("STORE 1:2 -FLAGS (NewOne Quiet)");
        ViewClient b = session("b");
        assertThat(b.select("INBOX", false)).as("a keyword stays listed after its last message lost it")
                .startsWith("* FLAGS (" + SYSTEM + " NewOne Quiet)");
    }

    @Test
    void appendToTheSelectedMailboxAnnouncesBeforeExists() throws Exception {
        ViewClient a = session("a");
        a.select("INBOX", false);
        List<String> lines = untagged(a.append("INBOX", "$Forwarded \\Seen", ScriptRunner.message("simple.eml")));
        assertThat(lines).containsExactly("* FLAGS (" + SYSTEM + " $Forwarded)",
                "* OK [PERMANENTFLAGS (" + SYSTEM + " $Forwarded \\*)] Flags permitted", "* 1 EXISTS", "* 1 RECENT");
        a.ok("FETCH 1 FLAGS");
        gannet.createMailbox(user, "Elsewhere");
        assertThat(untagged(a.append("Elsewhere", "Other", ScriptRunner.message("simple.eml"))))
                .as("an APPEND to another mailbox changes nothing here").isEmpty();
    }

    @Test
    void anotherSessionsKeywordsReachThisSessionsSync() throws Exception {
        deliver(inbox);
        ViewClient a = session("a");
        ViewClient b = session("b");
        ViewClient e = session("e");
        a.select("INBOX", false);
        b.select("INBOX", false);
        e.select("INBOX", true);
        b.ok("STORE 1 +FLAGS (Junk)");
        assertThat(untagged(a.ok("NOOP"))).containsExactly("* FLAGS (" + SYSTEM + " Junk)",
                "* OK [PERMANENTFLAGS (" + SYSTEM + " Junk \\*)] Flags permitted", "* 1 FETCH (UID 1 FLAGS (Junk \\Recent))");
        assertThat(untagged(e.ok("NOOP"))).containsExactly("* FLAGS (" + SYSTEM + " Junk)",
                "* OK [PERMANENTFLAGS ()] Read-only mailbox", "* 1 FETCH (UID 1 FLAGS (Junk))");
        b.append("INBOX", "Custom7", ScriptRunner.message("simple.eml"));
        assertThat(untagged(a.ok("NOOP"))).as("a new message brings a keyword: announced before EXISTS")
                .containsExactly("* FLAGS (" + SYSTEM + " Junk Custom7)",
                        "* OK [PERMANENTFLAGS (" + SYSTEM + " Junk Custom7 \\*)] Flags permitted", "* 2 EXISTS", "* 1 RECENT");
        a.idle();
        deliver(inbox, "$Label1");
        a.idleUntil(" EXISTS$");
        a.done();
        assertThat(a.flags).as("during IDLE").contains("$label1");
        a.ok("FETCH 1:* FLAGS");
        e.ok("FETCH 1:* FLAGS");
    }

    @Test
    void aKeywordFirstSeenInAFetchIsAnnouncedBeforeIt() throws Exception {
        deliver(inbox);
        ViewClient a = session("a");
        ViewClient b = session("b");
        a.select("INBOX", false);
        b.select("INBOX", false);
        b.ok("STORE 1 +FLAGS (Fresh)");
        List<String> lines = untagged(a.ok("FETCH 1 (FLAGS)"));
        assertThat(lines.subList(0, 3)).containsExactly("* FLAGS (" + SYSTEM + " Fresh)",
                "* OK [PERMANENTFLAGS (" + SYSTEM + " Fresh \\*)] Flags permitted", "* 1 FETCH (FLAGS (Fresh \\Recent))");
    }

    @Test
    void copiesBringTheirKeywords() throws Exception {
        Mailbox other = gannet.createMailbox(user, "Other");
        deliver(other, "Carried");
        ViewClient a = session("a");
        ViewClient m = session("m");
        a.select("INBOX", false);
        m.select("Other", false);
        assertThat(untagged(m.ok("COPY 1 INBOX"))).isEmpty();
        assertThat(untagged(a.ok("NOOP"))).startsWith("* FLAGS (" + SYSTEM + " Carried)");
        assertThat(m.select("INBOX", false)).contains("* FLAGS (" + SYSTEM + " Carried)");
        a.ok("FETCH 1:* FLAGS");
    }
}
