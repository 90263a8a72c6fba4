package dev.gannet.imap;

import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.Messages;
import dev.gannet.core.testing.TestUser;
import dev.gannet.imap.FetchResponses.Fetch;
import dev.gannet.imap.FetchResponses.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message that is still in the session's view but no longer in the store (expunged and purged, see
 * {@link GoneMessages}, before this session was told; or its mailbox deleted) is left out of the FETCH
 * responses, the others are answered in full, and the command ends {@code NO [EXPUNGEISSUED]} (RFC 2180 §4.1.2,
 * RFC 5530): never a response with {@code NIL} where a structure belongs, nor an empty literal standing in for
 * the message. Only {@code FETCH (UID)}, which the session's view answers by itself, still names it.
 */
class FetchVanishedTest {

    private static final String ALL_ITEMS = "(UID FLAGS RFC822.SIZE ENVELOPE BODY BODYSTRUCTURE BODY.PEEK[]"
            + " BODY.PEEK[HEADER.FIELDS (SUBJECT)])";

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    private static Mailbox withMessages(TestUser user, String name, int count) {
        Mailbox box = name.equals("INBOX") ? gannet.mailbox(user, name) : gannet.createMailbox(user, name);
        for (int i = 1; i <= count; i++) {
            gannet.store().messages().append(new AppendRequest(user.id(), box.id(),
                    MessageSource.of(Messages.simple("message " + i, "body " + i)), Flags.NONE, null,
                    AppendRequest.Origin.LMTP)).block();
        }
        return box;
    }

    private static ImapTestClient selected(TestUser user, String mailbox) throws IOException {
        ImapTestClient c = ImapTestClient.connect(gannet.port("imap"));
        c.timeout(15_000);
        c.readLine();
        assertThat(c.command("a", "LOGIN " + user.username() + " " + user.password()).get(0)).startsWith("a OK");
        assertThat(c.command("b", "SELECT " + mailbox)).last().asString().startsWith("b OK");
        return c;
    }

    /** The FETCH responses among {@code responses}, each parsed (and so checked against the grammar). */
    private static List<Fetch> fetches(List<Response> responses) {
        return responses.stream().filter(Response::isFetch).map(FetchResponses::parse).toList();
    }

    private static String tagged(List<Response> responses) {
        return responses.get(responses.size() - 1).first();
    }

    @Test
    void fetchBySequenceLeavesOutTheVanishedMessageAndAnswersExpungeIssued() throws Exception {
        TestUser user = gannet.createUser();
        Mailbox box = withMessages(user, "INBOX", 3);
        try (ImapTestClient c = selected(user, "INBOX")) {
            GoneMessages.expungeAndPurge(gannet, box, 2);

            List<Response> r = FetchResponses.command(c, "f1", "FETCH 1:3 " + ALL_ITEMS);
            List<Fetch> data = fetches(r);
            assertThat(data).extracting(Fetch::seq).containsExactly(1, 3);
            assertThat(new String(data.get(1).bytes("BODY[]"))).contains("Subject: message 3").endsWith("body 3\r\n");
            assertThat(data.get(0).items()).containsOnlyKeys("UID", "FLAGS", "RFC822.SIZE", "ENVELOPE", "BODY",
                    "BODYSTRUCTURE", "BODY[]", "BODY[HEADER.FIELDS (SUBJECT)]");
            assertThat(tagged(r)).startsWith("f1 NO [EXPUNGEISSUED] ");
            assertThat(r).as("no EXPUNGE during FETCH by sequence number (RFC 3501 §7.4.1)")
                    .noneMatch(x -> x.first().endsWith(" EXPUNGE"));

            assertThat(FetchResponses.command(c, "f2", "FETCH 2 (FLAGS BODY.PEEK[TEXT])"))
                    .as("only the vanished message: nothing but the tagged NO").hasSize(1)
                    .first().extracting(Response::first).asString().startsWith("f2 NO [EXPUNGEISSUED] ");
            assertThat(c.command("v", "FETCH 1:3 (UID)")).as("the view alone answers UID, as Dovecot's index does")
                    .containsExactly("* 1 FETCH (UID 1)", "* 2 FETCH (UID 2)", "* 3 FETCH (UID 3)", "v OK Fetch completed");
            // the expunged message was \Recent here, so RECENT is sent again with its new count, as Dovecot does
            assertThat(c.command("n", "NOOP")).containsExactly("* 2 EXPUNGE", "* 2 RECENT", "n OK NOOP completed");
            assertThat(fetches(FetchResponses.command(c, "f3", "FETCH 1:2 (UID)"))).extracting(Fetch::uid)
                    .containsExactly(1L, 3L);
        }
    }

    @Test
    void uidFetchAndBodyFetchThatSetsSeenDoTheSame() throws Exception {
        TestUser user = gannet.createUser();
        Mailbox box = withMessages(user, "INBOX", 4);
        try (ImapTestClient c = selected(user, "INBOX")) {
            GoneMessages.expungeAndPurge(gannet, box, 1, 3);

            List<Response> r = FetchResponses.command(c, "u1", "UID FETCH 1:* (BODY[] ENVELOPE)");
            List<Fetch> data = fetches(r);
            assertThat(data).extracting(Fetch::uid).containsExactly(2L, 4L);
            assertThat(data).allSatisfy(f -> assertThat(f.items()).containsKeys("FLAGS", "ENVELOPE", "BODY[]"));
            assertThat(tagged(r)).startsWith("u1 NO [EXPUNGEISSUED] ");
            assertThat(fetches(FetchResponses.command(c, "u2", "UID FETCH 1:* (UID FLAGS)")))
                    .allSatisfy(f -> assertThat(f.items().get("FLAGS").toString()).contains("\\Seen"));
        }
    }

    @Test
    void aMailboxDeletedBehindTheSessionAnswersExpungeIssuedWithoutData() throws Exception {
        TestUser user = gannet.createUser();
        withMessages(user, "Work", 2);
        try (ImapTestClient c = selected(user, "Work")) {
            gannet.store().mailboxes().delete(user.id(), MailboxName.of("Work")).block();

            List<Response> r = FetchResponses.command(c, "d1", "FETCH 1:2 " + ALL_ITEMS);
            assertThat(r).hasSize(1);
            assertThat(tagged(r)).startsWith("d1 NO [EXPUNGEISSUED] ");
            assertThat(c.command("n", "NOOP")).containsExactly("* 2 EXPUNGE", "* 1 EXPUNGE", "* 0 RECENT",
                    "n OK NOOP completed");
        }
    }
}
