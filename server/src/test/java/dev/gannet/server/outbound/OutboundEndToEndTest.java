package dev.gannet.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.config.Settings;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.OutboundQueue;
import dev.gannet.core.store.OutboundQueue.Kind;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestSecrets;
import dev.gannet.core.testing.TestUser;
import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMultipart;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The outbound queue end to end: the tasks role sends what is queued to a loopback aiosmtpd sink (byte-exact,
 * with its envelope), retries a 4xx, bounces a 5xx with a DSN into the local sender's INBOX (read over IMAP)
 * naming only the failed recipient, sends a remote sender's DSN with the null sender, never bounces a
 * null-sender message, and forwards with an SRS0 envelope sender whose bounce LMTP takes back to a local sender.
 */
class OutboundEndToEndTest {

    private static final int SINK_PORT = port();
    private static final String SRS_SECRET = TestSecrets.register("srs-secret-for-tests");

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("tasks", "imap", "lmtp")
            .set(Settings.OUTBOUND_RELAY, "smtp://127.0.0.1:" + SINK_PORT)
            .set(Settings.OUTBOUND_POLL_INTERVAL, Duration.ofMillis(100))
            .set(Settings.OUTBOUND_RETRY_INITIAL, Duration.ofMillis(200))
            .set(Settings.OUTBOUND_RETRY_MAX, Duration.ofMillis(400))
            .set(Settings.OUTBOUND_TIMEOUT, Duration.ofSeconds(10))
            .set(Settings.OUTBOUND_LEASE, Duration.ofSeconds(60))
            .set(Settings.OUTBOUND_SRS_DOMAIN, "srs.gannet.test")
            .set(Settings.OUTBOUND_SRS_SECRET, SRS_SECRET)
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
        sink = SmtpSink.start(SINK_PORT, "--reject", "bad@example.net=550 5.1.1 <bad@example.net> no such user",
                "--tempfail", "slow@example.net=2");
    }

    @AfterAll
    static void stopSink() throws Exception {
        if (sink != null) {
            sink.close();
        }
    }

    private static String enqueue(TestUser user, Kind kind, String from, List<String> to, byte[] bytes) {
        return gannet.store().outbound().enqueue(new OutboundQueue.Request(user == null ? null : user.id(), kind, from,
                to, MessageSource.of(bytes), "test")).block(Duration.ofSeconds(30));
    }

    private static void awaitSent(TestUser user, String id) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (gannet.store().outbound().get(user.id(), id).blockOptional(Duration.ofSeconds(30)).isPresent()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("message " + id + " is still queued: "
                        + gannet.store().outbound().get(user.id(), id).block(Duration.ofSeconds(30)));
            }
            Thread.sleep(50);
        }
    }

    private static List<SmtpSink.Received> to(String recipient, int n) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<SmtpSink.Received> got;
        do {
            got = sink.received().stream().filter(r -> r.to().contains(recipient)).toList();
            if (got.size() >= n) {
                return got;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < end);
        throw new AssertionError("expected " + n + " messages to " + recipient + " at the sink, got " + got.size());
    }

    @Test
    void aQueuedMessageArrivesByteExactWithItsEnvelope() throws Exception {
        TestUser a = gannet.createUser();
        byte[] bytes = ("From: " + a.address() + "\r\nTo: exact@example.net\r\nSubject: =?utf-8?q?caf=C3=A9?=\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "caf\u00e9 \u2603\r\n.a line starting with a dot\r\n..two dots\r\n.\r\n \r\nlast line\r\n")
                .getBytes(StandardCharsets.UTF_8);
        String id = enqueue(a, Kind.SUBMISSION, a.address().toString(), List.of("exact@example.net"), bytes);
        SmtpSink.Received r = to("exact@example.net", 1).get(0);
        assertThat(r.from()).isEqualTo(a.address().toString());
        assertThat(r.to()).containsExactly("exact@example.net");
        assertThat(r.bytes()).isEqualTo(bytes);
        awaitSent(a, id);
    }

    @Test
    void aTemporaryFailureIsRetriedThenDelivered() throws Exception {
        TestUser a = gannet.createUser();
        byte[] bytes = "Subject: retry me\r\n\r\nonce\r\n".getBytes(StandardCharsets.US_ASCII);
        String id = enqueue(a, Kind.SUBMISSION, a.address().toString(), List.of("slow@example.net"), bytes);
        SmtpSink.Received r = to("slow@example.net", 1).get(0);
        assertThat(r.bytes()).isEqualTo(bytes);
        awaitSent(a, id);
        Thread.sleep(500);
        assertThat(sink.received().stream().filter(x -> x.to().contains("slow@example.net"))).hasSize(1);
        assertThat(inbox(a)).as("no DSN for a message that was delivered").isEmpty();
    }

    @Test
    void aPermanentFailureBouncesIntoTheLocalSendersInboxNamingOnlyTheFailedRecipient() throws Exception {
        TestUser a = gannet.createUser();
        byte[] bytes = ("From: " + a.address() + "\r\nSubject: half of it\r\n\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII);
        String id = enqueue(a, Kind.SUBMISSION, a.address().toString(), List.of("good1@example.net", "bad@example.net"), bytes);
        SmtpSink.Received r = to("good1@example.net", 1).get(0);
        assertThat(r.to()).containsExactly("good1@example.net");
        awaitSent(a, id);
        List<String> inbox = inbox(a);
        assertThat(inbox).hasSize(1);
        String dsn = inbox.get(0);
        assertThat(dsn).contains("Final-Recipient: rfc822; bad@example.net\r\nAction: failed\r\nStatus: 5.1.1\r\n")
                .contains("Diagnostic-Code: smtp; 550 5.1.1 <bad@example.net> no such user")
                .contains("Subject: half of it")
                .doesNotContain("Final-Recipient: rfc822; good1@example.net");
    }

    @Test
    void aNullSenderMessageGetsNoDsn() throws Exception {
        TestUser a = gannet.createUser();
        String id = enqueue(a, Kind.AUTOREPLY, "", List.of("bad@example.net"),
                "Subject: Auto: away\r\nAuto-Submitted: auto-replied\r\n\r\naway\r\n".getBytes(StandardCharsets.US_ASCII));
        awaitSent(a, id);
        Thread.sleep(500);
        assertThat(inbox(a)).isEmpty();
        assertThat(sink.received().stream().filter(x -> x.to().isEmpty() || x.to().contains(""))).isEmpty();
    }

    @Test
    void aRemoteSendersDsnLeavesWithTheNullSender() throws Exception {
        TestUser a = gannet.createUser();
        String id = enqueue(a, Kind.FORWARD, "orig2@remote.example", List.of("bad@example.net"),
                "Subject: forwarded\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
        awaitSent(a, id);
        SmtpSink.Received dsn = to("orig2@remote.example", 1).get(0);
        assertThat(dsn.from()).isIn("", "<>");
        String text = new String(dsn.bytes(), StandardCharsets.UTF_8);
        assertThat(text).contains("multipart/report").contains("Final-Recipient: rfc822; bad@example.net");
        assertThat(inbox(a)).as("the forwarding user is not the sender").isEmpty();
    }

    @Test
    void aForwardLeavesWithAnSrsSenderWhoseBounceComesBackOverLmtp() throws Exception {
        TestUser a = gannet.createUser();
        TestUser fwd = gannet.createUser();
        byte[] remote = "Subject: from afar\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII);
        String id1 = enqueue(fwd, Kind.FORWARD, "orig@remote.example", List.of("fwd1@example.net"), remote);
        SmtpSink.Received r1 = to("fwd1@example.net", 1).get(0);
        assertThat(r1.from()).matches("SRS0=[A-Za-z0-9+/]{4}=[A-Z2-7]{2}=remote\\.example=orig@srs\\.gannet\\.test");
        assertThat(r1.bytes()).isEqualTo(remote);
        awaitSent(fwd, id1);

        String id2 = enqueue(fwd, Kind.FORWARD, a.address().toString(), List.of("fwd2@example.net"), remote);
        String srsLocal = to("fwd2@example.net", 1).get(0).from();
        assertThat(srsLocal).startsWith("SRS0=").endsWith("=" + a.address().localPart() + "@srs.gannet.test");
        awaitSent(fwd, id2);

        try (Lmtp lmtp = new Lmtp(gannet.port("lmtp"))) {
            lmtp.command("MAIL FROM:<>", "250");
            assertThat(lmtp.command("RCPT TO:<" + r1.from() + ">", "550")).contains("5.1.1");
            String[] p = srsLocal.split("=", 3);
            String forged = p[0] + "=" + (p[1].equals("AAAA") ? "BBBB" : "AAAA") + "=" + p[2];
            assertThat(lmtp.command("RCPT TO:<" + forged + ">", "550")).contains("hash");
            lmtp.command("RCPT TO:<" + srsLocal + ">", "250");
            lmtp.command("DATA", "354");
            lmtp.command("Subject: bounce of your forward\r\n\r\nsorry\r\n.", "250");
        }
        assertThat(inbox(a)).singleElement().asString().contains("Subject: bounce of your forward");
    }

    /** Every message in the user's INBOX, as raw text, read with Jakarta Mail's IMAP client. */
    private static List<String> inbox(TestUser user) throws Exception {
        Properties p = new Properties();
        p.put("mail.imap.host", "127.0.0.1");
        p.put("mail.imap.port", Integer.toString(gannet.port("imap")));
        p.put("mail.imap.connectiontimeout", "10000");
        p.put("mail.imap.timeout", "10000");
        Store store = Session.getInstance(p).getStore("imap");
        store.connect(user.username(), user.password());
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String> out = new java.util.ArrayList<>();
            for (Message m : inbox.getMessages()) {
                java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
                m.writeTo(b);
                String raw = b.toString(StandardCharsets.UTF_8);
                if (m.isMimeType("multipart/report")) {
                    MimeMultipart mp = (MimeMultipart) m.getContent();
                    BodyPart status = mp.getBodyPart(1);
                    assertThat(status.isMimeType("message/delivery-status")).isTrue();
                    assertThat(mp.getBodyPart(2).isMimeType("text/rfc822-headers")).isTrue();
                }
                out.add(raw);
            }
            inbox.close(false);
            return out;
        } finally {
            store.close();
        }
    }

    /** A bare LMTP dialogue over a socket. */
    private static final class Lmtp implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Lmtp(int port) throws Exception {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(15_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("220");
            out.write("LHLO mta.test\r\n".getBytes(StandardCharsets.US_ASCII));
            String line;
            do {
                line = in.readLine();
            } while (line.startsWith("250-"));
        }

        String command(String line, String expect) throws Exception {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String reply = in.readLine();
            assertThat(reply).as(line).startsWith(expect);
            return reply;
        }

        @Override
        public void close() throws Exception {
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.close();
        }
    }
}
