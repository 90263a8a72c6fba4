package dev.gannet.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.config.Settings;
import dev.gannet.core.store.DkimStore;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.OutboundQueue;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.LineSocket;
import dev.gannet.core.testing.PythonModules;
import dev.gannet.core.testing.TestSecrets;
import dev.gannet.core.testing.TestUser;
import dev.gannet.delivery.dkim.DkimKeys;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path from delivery rules to the relay: a message delivered over LMTP to a user whose Sieve script
 * redirects it leaves for a loopback aiosmtpd sink with an SRS0 envelope sender and the original bytes; a
 * vacation script answers a sender once (null envelope sender, {@code Auto-Submitted: auto-replied}) and a
 * list never; mail the user sends is DKIM-signed on the way out and verifies with dkimpy.
 */
class DeliveryRulesToRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int SINK_PORT = port();

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("tasks", "lmtp")
            .set(Settings.OUTBOUND_RELAY, "smtp://127.0.0.1:" + SINK_PORT)
            .set(Settings.OUTBOUND_POLL_INTERVAL, Duration.ofMillis(100))
            .set(Settings.OUTBOUND_SRS_DOMAIN, "srs.gannet.test")
            .set(Settings.OUTBOUND_SRS_SECRET, TestSecrets.register("srs-secret-rules-to-relay"))
            .build();

    private static SmtpSink sink;

    private static int port() {
        try {
            return SmtpSink.freePort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void startSink() throws Exception {
        sink = SmtpSink.start(SINK_PORT);
    }

    @AfterAll
    static void stopSink() throws Exception {
        if (sink != null) {
            sink.close();
        }
    }

    private static void activate(TestUser user, String script) {
        gannet.store().sieve().put(user.id(), "main", script).block(WAIT);
        gannet.store().sieve().activate(user.id(), "main").block(WAIT);
    }

    private static void deliver(String from, TestUser to, String message) throws Exception {
        try (LineSocket lmtp = new LineSocket(new Socket("127.0.0.1", gannet.port("lmtp")))) {
            assertThat(lmtp.readLine()).startsWith("220");
            lmtp.send("LHLO test.example");
            String line;
            do {
                line = lmtp.readLine();
            } while (line.startsWith("250-"));
            for (String cmd : List.of("MAIL FROM:<" + from + ">", "RCPT TO:<" + to.address().toString() + ">", "DATA")) {
                lmtp.send(cmd);
                assertThat(lmtp.readLine()).as(cmd).matches("(250|354).*");
            }
            lmtp.sendRaw((message + ".\r\n").getBytes(StandardCharsets.UTF_8));
            assertThat(lmtp.readLine()).startsWith("250");
        }
    }

    private static List<SmtpSink.Received> to(String recipient) throws Exception {
        return sink.received().stream().filter(r -> r.to().contains(recipient)).toList();
    }

    private static List<SmtpSink.Received> await(String recipient) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        List<SmtpSink.Received> got = to(recipient);
        while (got.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(50);
            got = to(recipient);
        }
        assertThat(got).as("mail for " + recipient + " at the sink").isNotEmpty();
        return got;
    }

    @Test
    void aSieveRedirectLeavesWithAnSrsSenderAndTheOriginalBytes() throws Exception {
        TestUser user = gannet.createUser();
        activate(user, "redirect \"friend-" + user.username() + "@example.net\";");
        String original = "From: alice@remote.example\r\nTo: " + user.address().toString()
                + "\r\nSubject: pass it on\r\n\r\nbody \u00e9 kept as sent\r\n";
        deliver("alice@remote.example", user, original);
        SmtpSink.Received r = await("friend-" + user.username() + "@example.net").get(0);
        assertThat(r.from()).startsWith("SRS0=").endsWith("@srs.gannet.test").contains("remote.example");
        assertThat(new String(r.bytes(), StandardCharsets.UTF_8)).endsWith(original);
    }

    @Test
    void aVacationScriptAnswersASenderOnceAndAListNever() throws Exception {
        TestUser user = gannet.createUser();
        activate(user, "require \"vacation\";\nvacation :days 1 :subject \"Away\" \"I am away until Monday.\";");
        String bob = "bob-" + user.username() + "@remote.example";
        String list = "list-" + user.username() + "@remote.example";
        for (int i = 0; i < 2; i++) {
            deliver(bob, user, "From: " + bob + "\r\nTo: " + user.address().toString() + "\r\nMessage-ID: <m" + i + "@remote.example>\r\n"
                    + "Subject: question " + i + "\r\n\r\nare you there?\r\n");
        }
        deliver(list, user, "From: " + list + "\r\nTo: " + user.address().toString() + "\r\nList-Id: <news.remote.example>\r\n"
                + "Subject: digest\r\n\r\nnews\r\n");
        SmtpSink.Received reply = await(bob).get(0);
        String text = new String(reply.bytes(), StandardCharsets.UTF_8);
        assertThat(reply.from()).as("null envelope sender").isIn("", "<>", null);
        assertThat(text).contains("Auto-Submitted: auto-replied").contains("In-Reply-To: <m0@remote.example>")
                .contains("I am away until Monday.");
        Thread.sleep(1_000); // the sender polls every 100 ms: anything else queued would have left by now
        assertThat(to(bob)).as("one reply per sender per period").hasSize(1);
        assertThat(to(list)).as("no reply to a list").isEmpty();
    }

    @Test
    void mailAUserSendsIsDkimSignedOnTheWayOutAndVerifies(@TempDir Path dir) throws Exception {
        String python = PythonModules.require("dkim", "python3-dkim");
        TestUser user = gannet.createUser();
        String domain = user.address().domain();
        PrivateKey key = DkimKeys.generate();
        gannet.store().dkim().put(new DkimStore.Key(new ObjectId().toHexString(), domain, "s1", "test",
                DkimKeys.privatePem(key), DkimKeys.publicPem(DkimKeys.publicKey(key)), "fp", Instant.now())).block(WAIT);
        String rcpt = "reader-" + user.username() + "@example.net";
        byte[] message = ("From: " + user.address().toString() + "\r\nTo: " + rcpt + "\r\nSubject: signed\r\n"
                + "Date: Mon, 07 Dec 2026 12:00:00 +0000\r\nMessage-ID: <s1@" + domain + ">\r\n\r\nsigned body\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        gannet.store().outbound().enqueue(new OutboundQueue.Request(user.id(), OutboundQueue.Kind.SUBMISSION,
                user.address().toString(), List.of(rcpt), MessageSource.of(message), "test")).block(WAIT);
        SmtpSink.Received r = await(rcpt).get(0);
        assertThat(new String(r.bytes(), StandardCharsets.US_ASCII)).startsWith("DKIM-Signature:");
        Path eml = dir.resolve("out.eml");
        Files.write(eml, r.bytes());
        String out = PythonModules.run(python, List.of(PythonModules.script("dkim_verify.py", dir).toString(),
                DkimKeys.dnsValue(DkimKeys.publicKey(key)), eml.toString()));
        assertThat(out.trim()).isEqualTo(eml + " ok");
    }
}
