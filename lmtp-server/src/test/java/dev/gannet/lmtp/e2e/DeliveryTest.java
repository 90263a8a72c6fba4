package dev.gannet.lmtp.e2e;

import dev.gannet.core.config.Settings;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Deliveries with Python's smtplib.LMTP, read back byte for byte through the store API. */
class DeliveryTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("lmtp")
            .set(Settings.LMTP_SPOOL_THRESHOLD, 64L * 1024).build();

    @TempDir
    Path dir;

    private int port() {
        return gannet.port("lmtp");
    }

    private Path file(byte[] message) throws Exception {
        Path f = Files.createTempFile(dir, "msg", ".eml");
        Files.write(f, message);
        return f;
    }

    static byte[] message(String subject, String extraHeaders, String body) {
        return ("From: Alice <alice@example.org>\r\nTo: bob@example.com\r\nSubject: " + subject + "\r\n" + extraHeaders
                + "Message-ID: <" + System.nanoTime() + "@example.org>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void singleRecipientGetsTheExactBytesBehindTheTraceFields() throws Exception {
        TestUser bob = gannet.createUser();
        byte[] msg = message("Grüße", "", "Hello\r\n.leading dot\r\n..two dots\r\nçà 8-bit\r\n\r\n");
        PythonLmtp.Result r = PythonLmtp.run(60, "deliver", "" + port(), "alice@example.org", file(msg).toString(),
                bob.address().toString());
        assertThat(r.exit()).as(r.lines().toString()).isZero();
        assertThat(r.reply("RCPT", bob.address().toString())).startsWith("250 2.1.5");
        assertThat(r.reply("DATA", bob.address().toString())).startsWith("250 2.0.0");
        List<byte[]> inbox = Stored.messages(gannet, bob, "INBOX");
        assertThat(inbox).hasSize(1);
        String trace = Stored.trace(inbox.get(0), msg);
        assertThat(trace).startsWith("Return-Path: <alice@example.org>\r\nDelivered-To: " + bob.address() + "\r\n")
                .contains("Received: from client.test (127.0.0.1)", "by gannet.test (Gannet) with LMTP id ",
                        "for <" + bob.address() + ">; ");
    }

    @Test
    void everyRecipientGetsItsOwnCodeAndTheOthersAreDelivered() throws Exception {
        TestUser first = gannet.createUser();
        TestUser disabled = gannet.createUser();
        gannet.store().users().setDisabled(disabled.id(), true).block(Duration.ofSeconds(30));
        TestUser full = gannet.createUser("full" + System.nanoTime(), 100);
        TestUser last = gannet.createUser();
        byte[] msg = message("mixed", "", "x".repeat(500) + "\r\n");
        PythonLmtp.Result r = PythonLmtp.run(60, "deliver", "" + port(), "alice@example.org", file(msg).toString(),
                first.address().toString(), "nobody@gannet.test", disabled.address().toString(),
                full.address().toString(), last.address().toString());
        assertThat(r.exit()).as(r.lines().toString()).isZero();
        assertThat(r.reply("RCPT", "nobody@gannet.test")).startsWith("550 5.1.1");
        assertThat(r.reply("RCPT", disabled.address().toString())).startsWith("550 5.2.1");
        assertThat(r.reply("DATA", first.address().toString())).startsWith("250 2.0.0");
        assertThat(r.reply("DATA", full.address().toString())).startsWith("552 5.2.2");
        assertThat(r.reply("DATA", last.address().toString())).startsWith("250 2.0.0");
        assertThat(Stored.messages(gannet, first, "INBOX")).hasSize(1);
        assertThat(Stored.messages(gannet, last, "INBOX")).hasSize(1);
        assertThat(Stored.messages(gannet, full, "INBOX")).isEmpty();
        assertThat(Stored.messages(gannet, disabled, "INBOX")).isEmpty();
    }

    @Test
    void plusTagsWildcardsAliasesResolveAndAUserNamedTwiceGetsOneCopy() throws Exception {
        TestUser ann = gannet.createUser();
        TestUser catchAll = gannet.createUser();
        String domain = "wild" + System.nanoTime() + ".test";
        gannet.store().addresses().add(ann.id(), EmailAddress.parse("alias-" + ann.username() + "@other.test"), false)
                .block(Duration.ofSeconds(30));
        gannet.store().addresses().add(catchAll.id(), EmailAddress.wildcard(domain), false).block(Duration.ofSeconds(30));
        String plus = ann.username() + "+news@gannet.test";
        String alias = "alias-" + ann.username() + "@other.test";
        String wild = "anyone@" + domain;
        byte[] msg = message("resolution", "", "body\r\n");
        PythonLmtp.Result r = PythonLmtp.run(60, "deliver", "" + port(), "", file(msg).toString(),
                plus, alias, ann.address().toString(), ann.address().toString(), wild);
        assertThat(r.exit()).as(r.lines().toString()).isZero();
        for (String who : List.of(plus, alias, ann.address().toString(), wild)) {
            assertThat(r.reply("DATA", who)).startsWith("250 2.0.0");
        }
        assertThat(r.lines().stream().filter(l -> l.startsWith("DATA ")).count()).isEqualTo(5);
        List<byte[]> annInbox = Stored.messages(gannet, ann, "INBOX");
        assertThat(annInbox).hasSize(1);
        assertThat(Stored.trace(annInbox.get(0), msg)).startsWith("Return-Path: <>\r\nDelivered-To: " + plus + "\r\n");
        assertThat(Stored.trace(Stored.messages(gannet, catchAll, "INBOX").get(0), msg)).contains("Delivered-To: " + wild);
    }

    @Test
    void spamVerdictsGoToJunkAndEverythingElseToInbox() throws Exception {
        TestUser u = gannet.createUser();
        String rcpt = u.address().toString();
        for (String header : List.of("X-Spam-Status: Yes, score=9.1 required=5.0\r\n", "X-Spam-Flag: YES\r\n",
                "X-Rspamd-Action: rewrite subject\r\n", "X-Spam-Status: No, score=0.1\r\n", "X-Rspamd-Action: no action\r\n",
                "")) {
            PythonLmtp.Result r = PythonLmtp.run(60, "deliver", "" + port(), "s@example.org",
                    file(message("verdict", header, "text\r\n")).toString(), rcpt);
            assertThat(r.reply("DATA", rcpt)).startsWith("250 2.0.0");
        }
        assertThat(Stored.messages(gannet, u, "Junk")).hasSize(3);
        assertThat(Stored.messages(gannet, u, "INBOX")).hasSize(3);
    }

    @Test
    void bdatChunksDeliverToEveryRecipient() throws Exception {
        TestUser a = gannet.createUser();
        TestUser b = gannet.createUser();
        byte[] msg = message("chunks", "", "line one\r\n.\r\n..\r\n" + "z".repeat(1000) + "\r\nend\r\n");
        PythonLmtp.Result r = PythonLmtp.run(60, "bdat", "" + port(), "alice@example.org", file(msg).toString(), "100",
                a.address().toString(), b.address().toString());
        assertThat(r.exit()).as(r.lines().toString()).isZero();
        assertThat(r.lines()).filteredOn(l -> l.startsWith("BDAT ")).allMatch(l -> l.contains(" 250 2.0.0 "));
        assertThat(r.reply("DATA", a.address().toString())).startsWith("250 2.0.0");
        assertThat(r.reply("DATA", b.address().toString())).startsWith("250 2.0.0");
        Stored.trace(Stored.messages(gannet, a, "INBOX").get(0), msg);
        Stored.trace(Stored.messages(gannet, b, "INBOX").get(0), msg);
    }

    @Test
    void pipelinedTransactionsAreAnsweredInOrder() throws Exception {
        TestUser u = gannet.createUser();
        Path batch = Files.createDirectory(dir.resolve("batch"));
        int count = 20;
        for (int n = 0; n < count; n++) {
            Files.write(batch.resolve(n + ".eml"), message("pipelined " + n, "", "number " + n + "\r\n"));
        }
        PythonLmtp.Result r = PythonLmtp.run(60, "pipeline", "" + port(), "" + count, batch.toString(),
                u.address().toString());
        assertThat(r.exit()).as(r.lines().toString()).isZero();
        assertThat(r.lines()).hasSize(3 * count + 1).allMatch(l -> l.matches("\\w+ \\S+ 2\\d\\d .*"));
        List<byte[]> inbox = Stored.messages(gannet, u, "INBOX");
        assertThat(inbox).hasSize(count);
        for (int n = 0; n < count; n++) {
            Stored.trace(inbox.get(n), Files.readAllBytes(batch.resolve(n + ".eml")));
        }
    }

    @Test
    void smtpUtf8AddressesAreDelivered() throws Exception {
        TestUser u = gannet.createUser();
        String address = "jörg." + u.username() + "@gannet.test";
        gannet.store().addresses().add(u.id(), EmailAddress.parse(address), false).block(Duration.ofSeconds(30));
        try (RawClient c = RawClient.connect(port())) {
            c.line();
            c.command("LHLO client.test");
            assertThat(c.command("MAIL FROM:<müller@example.de> SMTPUTF8 BODY=8BITMIME")).startsWith("250 2.1.0");
            assertThat(c.command("RCPT TO:<" + address + ">")).startsWith("250 2.1.5");
            assertThat(c.command("DATA")).startsWith("354");
            assertThat(c.command("Subject: Grüße\r\n\r\nHallo\r\n.")).startsWith("250 2.0.0");
        }
        String stored = new String(Stored.messages(gannet, u, "INBOX").get(0), StandardCharsets.UTF_8);
        assertThat(stored).startsWith("Return-Path: <müller@example.de>\r\nDelivered-To: " + address + "\r\n")
                .endsWith("Subject: Grüße\r\n\r\nHallo\r\n");
    }

    @Test
    void aLargeMessageIsSpooledToAFileAndStoredExactly() throws Exception {
        TestUser u = gannet.createUser();
        StringBuilder body = new StringBuilder();
        for (int i = 0; body.length() < 3_000_000; i++) {
            body.append("line ").append(i).append(" ").append("0123456789abcdef".repeat(4)).append("\r\n");
        }
        byte[] msg = message("big", "", body.toString());
        PythonLmtp.Result r = PythonLmtp.run(120, "deliver", "" + port(), "alice@example.org", file(msg).toString(),
                u.address().toString());
        assertThat(r.reply("DATA", u.address().toString())).startsWith("250 2.0.0");
        Stored.trace(Stored.messages(gannet, u, "INBOX").get(0), msg);
        try (Stream<Path> left = Files.list(gannet.dataDir().resolve("lmtp-spool"))) {
            assertThat(left).as("spool files are removed after delivery").isEmpty();
        }
    }
}
