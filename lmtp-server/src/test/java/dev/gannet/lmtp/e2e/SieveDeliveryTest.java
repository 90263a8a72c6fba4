package dev.gannet.lmtp.e2e;

import static dev.gannet.core.testing.Messages.plain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.config.Settings;
import dev.gannet.core.store.OutboundQueue;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Users' Sieve scripts at delivery: messages sent with Python's smtplib.LMTP, each rule's effect read back over
 * IMAP with Jakarta Mail, redirects and vacation replies read from the outbound queue.
 */
class SieveDeliveryTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("lmtp", "imap")
            .set(Settings.SIEVE_VACATION_MIN_PERIOD, Duration.ofSeconds(1))
            .set(Settings.SIEVE_MAX_REDIRECTS, 2).build();

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static void script(TestUser u, String source) {
        gannet.store().sieve().put(u.id(), "main", source).block(WAIT);
        gannet.store().sieve().activate(u.id(), "main").block(WAIT);
    }

    private PythonLmtp.Result deliver(String sender, byte[] msg, String... rcpts) throws Exception {
        Path f = Files.createTempFile(dir, "msg", ".eml");
        Files.write(f, msg);
        List<String> args = new ArrayList<>(List.of("deliver", "" + gannet.port("lmtp"), sender, f.toString()));
        args.addAll(List.of(rcpts));
        PythonLmtp.Result r = PythonLmtp.run(60, args.toArray(String[]::new));
        assertThat(r.exit()).as(r.lines().toString()).isZero();
        return r;
    }

    private String deliverOk(TestUser u, String subject) throws Exception {
        return deliverOk(u, "alice@example.org", plain("Alice <alice@example.org>", u.address().toString(), subject, "", "hello\r\n"));
    }

    /** The same through Python's smtplib.LMTP. */
    private void deliverPython(TestUser u, String subject) throws Exception {
        PythonLmtp.Result r = deliver("alice@example.org", plain("Alice <alice@example.org>", u.address().toString(), subject,
                "", "hello\r\n"), u.address().toString());
        assertThat(r.reply("DATA", u.address().toString())).startsWith("250 2.0.0");
    }

    /** One transaction on the Java test client (RawClient): the many single-recipient deliveries stay fast. */
    private String deliverOk(TestUser u, String sender, byte[] msg) throws Exception {
        String reply = deliverRaw(sender, msg, u.address().toString());
        assertThat(reply).startsWith("250 2.0.0");
        return reply;
    }

    private static String deliverRaw(String sender, byte[] msg, String rcpt) throws Exception {
        try (RawClient c = RawClient.connect(gannet.port("lmtp"))) {
            c.reply();
            c.command("LHLO client.test");
            assertThat(c.command("MAIL FROM:<" + sender + ">")).startsWith("250");
            assertThat(c.command("RCPT TO:<" + rcpt + ">")).startsWith("250");
            assertThat(c.command("DATA")).startsWith("354");
            String body = new String(msg, StandardCharsets.UTF_8);
            c.send(body + (body.endsWith("\r\n") ? "" : "\r\n") + ".\r\n");
            List<String> reply = c.reply();
            c.command("QUIT");
            return reply.get(reply.size() - 1);
        }
    }

    /** Subject and flags of every message in the folder, "subject [flags]", read over IMAP; null if there is no such folder. */
    private static List<String> imap(TestUser u, String folder) throws Exception {
        Properties p = new Properties();
        p.put("mail.imap.host", "127.0.0.1");
        p.put("mail.imap.port", Integer.toString(gannet.port("imap")));
        p.put("mail.imap.timeout", "20000");
        Store store = Session.getInstance(p).getStore("imap");
        store.connect(u.username(), u.password());
        try {
            Folder f = store.getFolder(folder);
            if (!f.exists()) {
                return null;
            }
            f.open(Folder.READ_ONLY);
            List<String> out = new ArrayList<>();
            for (Message m : f.getMessages()) {
                Flags flags = m.getFlags();
                List<String> names = new ArrayList<>();
                if (flags.contains(Flags.Flag.SEEN)) {
                    names.add("\\Seen");
                }
                if (flags.contains(Flags.Flag.FLAGGED)) {
                    names.add("\\Flagged");
                }
                names.addAll(List.of(flags.getUserFlags()));
                out.add(m.getSubject() + (names.isEmpty() ? "" : " " + names));
            }
            f.close(false);
            return out;
        } finally {
            store.close();
        }
    }

    private static List<OutboundQueue.Queued> queued(TestUser u) {
        return gannet.store().outbound().list(u.id()).collectList().block(WAIT);
    }

    @Test
    void fileintoWithCreateCopyAndFlags() throws Exception {
        TestUser u = gannet.createUser();
        gannet.createMailbox(u, "Work");
        script(u, """
                require ["fileinto", "mailbox", "copy", "imap4flags"];
                if header :contains "subject" "work" { fileinto :flags ["\\\\Flagged", "$Work"] "Work"; }
                elsif header :contains "subject" "new" { fileinto :create "Projects/New"; }
                elsif header :contains "subject" "copy" { addflag "\\\\Seen"; fileinto :copy "Work"; }
                elsif header :contains "subject" "missing" { fileinto "Nowhere"; }
                """);
        deliverPython(u, "work item");
        deliverOk(u, "new project");
        deliverOk(u, "copy me");
        deliverOk(u, "missing folder");
        assertThat(imap(u, "Work")).containsExactly("work item [\\Flagged, $Work]", "copy me [\\Seen]");
        assertThat(imap(u, "Projects/New")).containsExactly("new project");
        assertThat(imap(u, "Nowhere")).isNull();
        assertThat(imap(u, "INBOX")).containsExactly("copy me [\\Seen]", "missing folder");
    }

    @Test
    void rejectAndErejectAnswerOnlyTheirRecipient() throws Exception {
        TestUser refuser = gannet.createUser();
        TestUser erefuser = gannet.createUser();
        TestUser other = gannet.createUser();
        script(refuser, "require \"reject\"; if header :contains \"subject\" \"offer\" { reject \"I do not want offers\"; }");
        script(erefuser, "require \"ereject\"; ereject \"no thanks\";");
        PythonLmtp.Result r = deliver("alice@example.org", plain("alice@example.org", "x@example.com", "an offer", "", "buy\r\n"),
                refuser.address().toString(), other.address().toString(), erefuser.address().toString());
        assertThat(r.reply("DATA", refuser.address().toString())).isEqualTo("550 5.7.1 I do not want offers");
        assertThat(r.reply("DATA", erefuser.address().toString())).isEqualTo("550 5.7.1 no thanks");
        assertThat(r.reply("DATA", other.address().toString())).startsWith("250 2.0.0");
        assertThat(imap(refuser, "INBOX")).isEmpty();
        assertThat(imap(erefuser, "INBOX")).isEmpty();
        assertThat(imap(other, "INBOX")).containsExactly("an offer");
    }

    /** One extension per row: the script files matching mail into "Hit"; the second message must stay in INBOX. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "envelope|envelope|envelope :domain :is \"from\" \"lists.example.org\"|news@lists.example.org|plain|alice@example.org|plain",
        "subaddress|envelope, subaddress|envelope :detail \"to\" \"shop\"|a@example.org|+shop|a@example.org|plain",
        "body|body|body :text :contains \"invoice 2026\"|a@example.org|body:Your invoice 2026 is attached|a@example.org|body:Nothing here",
        "relational|relational, comparator-i;ascii-numeric|header :value \"ge\" :comparator \"i;ascii-numeric\" \"X-Score\" \"10\"|a@example.org|X-Score: 12|a@example.org|X-Score: 9",
        "relational count|relational, comparator-i;ascii-numeric|address :count \"ge\" :comparator \"i;ascii-numeric\" \"cc\" \"2\"|a@example.org|Cc: a@x.org, b@x.org|a@example.org|Cc: a@x.org",
        "regex|regex|header :regex \"subject\" \"\\\\[ticket-[0-9]+\\\\]\"|a@example.org|subject:[ticket-42] help|a@example.org|subject:[ticket-x] help",
        "variables|variables|header :matches \"subject\" \"* for *\" { set \"who\" \"${2}\"; } if string :is \"${who}\" \"bob\"|a@example.org|subject:letter for bob|a@example.org|subject:letter for ann",
        "date|date|date :originalzone \"date\" \"year\" \"2026\"|a@example.org|plain|a@example.org|Date2: x",
        "currentdate|date, relational|currentdate :value \"ge\" \"year\" \"2000\"|a@example.org|plain|a@example.org|never",
        "mailbox|mailbox|mailboxexists \"Hit\"|a@example.org|plain|a@example.org|never",
    })
    void extensionAtDelivery(String name, String requires, String test, String hitSender, String hit, String missSender,
            String miss) throws Exception {
        TestUser u = gannet.createUser();
        gannet.createMailbox(u, "Hit");
        StringBuilder req = new StringBuilder("require [\"fileinto\"");
        for (String r : requires.split(",\\s*")) {
            req.append(", \"").append(r).append('"');
        }
        req.append("];\n");
        script(u, req + "if " + test + " { fileinto \"Hit\"; }\n");
        deliverOne(u, hitSender, hit, "hit");
        if (miss != null && !miss.equals("never")) {
            deliverOne(u, missSender, miss, "miss");
        }
        assertThat(imap(u, "Hit")).as(name).hasSize(1).allSatisfy(s -> assertThat(s).contains("hit"));
        if (miss != null && !miss.equals("never")) {
            assertThat(imap(u, "INBOX")).as(name).hasSize(1).allSatisfy(s -> assertThat(s).contains("miss"));
        }
    }

    /** {@code variant}: "plain", "+detail" (recipient subaddress), "body:TEXT", "subject:TEXT", "Date2: x" (no date), or a header line. */
    private void deliverOne(TestUser u, String sender, String variant, String tag) throws Exception {
        String v = variant == null ? "" : variant;
        String rcpt = u.address().toString();
        String subject = tag;
        String body = "hello\r\n";
        String headers = "";
        if (v.startsWith("+")) {
            rcpt = u.username() + v + "@gannet.test";
        } else if (v.startsWith("body:")) {
            body = v.substring(5) + "\r\n";
        } else if (v.startsWith("subject:")) {
            subject = tag + " " + v.substring(8);
        } else if (!v.isEmpty() && !v.equals("plain")) {
            headers = v + "\r\n";
        }
        byte[] msg = plain(sender, u.address().toString(), subject, headers, body);
        if (v.equals("Date2: x")) {
            msg = new String(msg, StandardCharsets.UTF_8).replace("Date: Mon, 07 Dec 2026 10:15:30 +0100\r\n", "")
                    .getBytes(StandardCharsets.UTF_8);
        }
        assertThat(deliverRaw(sender, msg, rcpt)).startsWith("250 2.0.0");
    }

    @Test
    void vacationRepliesOncePerSenderAndNeverToListsOrBulk() throws Exception {
        TestUser u = gannet.createUser();
        script(u, "require \"vacation\"; vacation :days 7 :subject \"Away\" \"I am away until Monday.\";");
        String to = u.address().toString();
        deliverOk(u, "carol@example.org", plain("carol@example.org", to, "one", "", "x\r\n"));
        deliverOk(u, "carol@example.org", plain("carol@example.org", to, "two", "", "x\r\n"));
        deliverOk(u, "news@example.org", plain("news@example.org", to, "list", "List-Id: <news.example.org>\r\n", "x\r\n"));
        deliverOk(u, "bulk@example.org", plain("bulk@example.org", to, "bulk", "Precedence: bulk\r\n", "x\r\n"));
        deliverOk(u, "robot@example.org", plain("robot@example.org", to, "auto", "Auto-Submitted: auto-generated\r\n", "x\r\n"));
        deliverOk(u, "", plain("daemon@example.org", to, "bounce", "", "x\r\n"));
        deliverOk(u, "dave@example.org", plain("dave@example.org", "someone-else@example.org", "bcc", "", "x\r\n"));
        List<OutboundQueue.Queued> q = queued(u);
        assertThat(q).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(OutboundQueue.Kind.AUTOREPLY);
            assertThat(m.envelopeFrom()).isEmpty();
            assertThat(m.recipients()).containsExactly("carol@example.org");
        });
        // every message was still delivered
        assertThat(imap(u, "INBOX")).hasSize(7);
    }

    @Test
    void vacationRepliesAgainAfterThePeriod() throws Exception {
        TestUser u = gannet.createUser();
        script(u, "require [\"vacation\", \"vacation-seconds\"]; vacation :seconds 1 \"away\";");
        deliverOk(u, "erin@example.org", plain("erin@example.org", u.address().toString(), "one", "", "x\r\n"));
        Thread.sleep(1200);
        deliverOk(u, "erin@example.org", plain("erin@example.org", u.address().toString(), "two", "", "x\r\n"));
        assertThat(queued(u)).hasSize(2);
    }

    @Test
    void redirectQueuesTheOriginalBytes() throws Exception {
        TestUser u = gannet.createUser();
        script(u, "require \"copy\"; redirect :copy \"elsewhere@example.net\"; redirect \"second@example.net\";");
        byte[] msg = plain("alice@example.org", u.address().toString(), "forward me", "", "body\r\n");
        deliverOk(u, "alice@example.org", msg);
        List<OutboundQueue.Queued> q = queued(u);
        assertThat(q).hasSize(2).allSatisfy(m -> {
            assertThat(m.kind()).isEqualTo(OutboundQueue.Kind.FORWARD);
            assertThat(m.envelopeFrom()).isEqualTo("alice@example.org");
            // the message as it came, behind our Delivered-To and Received fields (no Return-Path)
            assertThat(m.size()).isGreaterThan(msg.length).isLessThan(msg.length + 400);
        });
        assertThat(q.stream().flatMap(m -> m.recipients().stream())).containsExactly("elsewhere@example.net", "second@example.net");
        // the redirect without :copy cancels the implicit keep (RFC 5228 §4.2)
        assertThat(imap(u, "INBOX")).isEmpty();
    }

    @Test
    void theUsersOwnRedirectsCountAgainstTheDailyForwardLimit() throws Exception {
        TestUser u = gannet.createUser();
        gannet.store().forwarding().setUser(u.id(), List.of(), 2L).block(WAIT);
        script(u, "redirect \"elsewhere@example.net\";");
        for (String subject : List.of("one", "two", "three")) {
            deliverOk(u, "alice@example.org", plain("alice@example.org", u.address().toString(), subject, "", "x\r\n"));
        }
        assertThat(queued(u)).hasSize(2);
        // over the limit the redirect is dropped, and the message it would have taken away is kept
        assertThat(imap(u, "INBOX")).containsExactly("three");
    }

    @Test
    void includeRunsAnotherOfTheUsersScripts() throws Exception {
        TestUser u = gannet.createUser();
        gannet.createMailbox(u, "Lists");
        gannet.store().sieve().put(u.id(), "lists", "require \"fileinto\"; if exists \"List-Id\" { fileinto \"Lists\"; }").block(WAIT);
        script(u, "require \"include\"; include :personal \"lists\";");
        deliverOk(u, "l@example.org", plain("l@example.org", u.address().toString(), "on a list", "List-Id: <l.example.org>\r\n", "x\r\n"));
        deliverOk(u, "a@example.org", plain("a@example.org", u.address().toString(), "direct", "", "x\r\n"));
        assertThat(imap(u, "Lists")).containsExactly("on a list");
        assertThat(imap(u, "INBOX")).containsExactly("direct");
    }

    @Test
    void discardStoresNothing() throws Exception {
        TestUser u = gannet.createUser();
        script(u, "if header :contains \"subject\" \"spam\" { discard; }");
        assertThat(deliverOk(u, "cheap spam")).contains("Discarded");
        deliverOk(u, "real");
        assertThat(imap(u, "INBOX")).containsExactly("real");
    }

    @Test
    void aRuntimeErrorKeepsTheMessageInInbox() throws Exception {
        TestUser u = gannet.createUser();
        gannet.createMailbox(u, "Work");
        // three redirects where two are allowed: the script fails at its third, nothing of it happens but a keep
        script(u, "require \"fileinto\";\nfileinto \"Work\";\nredirect \"a@example.net\";\nredirect \"b@example.net\";\n"
                + "redirect \"c@example.net\";\n");
        deliverOk(u, "important");
        assertThat(imap(u, "INBOX")).containsExactly("important");
        assertThat(imap(u, "Work")).isEmpty();
        assertThat(queued(u)).isEmpty();
        // a script that no longer parses (stored before a limit changed, say) keeps the message too
        script(u, "this is not sieve");
        deliverOk(u, "still here");
        assertThat(imap(u, "INBOX")).containsExactly("important", "still here");
    }
}
