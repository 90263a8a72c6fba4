package dev.gannet.lmtp.e2e;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestSecrets;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rspamd check at delivery against a fake rspamd on loopback, through Python's smtplib.LMTP: spam goes to Junk,
 * ham to INBOX, each with the verdict behind the trace fields; a slow or failing rspamd and an oversized message
 * are delivered unchecked and counted. rspamd is asked once per message whatever the number of recipients.
 */
class RspamdDeliveryTest {

    static final FakeRspamd rspamd = new FakeRspamd();

    static final String SECRET = TestSecrets.register("fake-controller-secret");

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("lmtp")
            .set(Settings.RSPAMD_ENABLED, true)
            .set(Settings.RSPAMD_URL, rspamd.url() + "/")
            .set(Settings.RSPAMD_TIMEOUT, Duration.ofMillis(500))
            .set(Settings.RSPAMD_PASSWORD, SECRET)
            .set(Settings.RSPAMD_MAX_SCAN_SIZE, 64L * 1024)
            .set(Settings.LMTP_SPAM_HEADERS, List.of())
            .set(Settings.LMTP_SPOOL_THRESHOLD, 8L * 1024)
            .build();

    @TempDir
    Path dir;

    @BeforeAll
    static void meters() {
        FakeRspamd.countMeters(gannet);
    }

    @AfterAll
    static void stopFake() {
        rspamd.close();
    }

    private PythonLmtp.Result deliver(byte[] message, String... rcpts) throws Exception {
        Path f = Files.createTempFile(dir, "msg", ".eml");
        Files.write(f, message);
        List<String> args = new java.util.ArrayList<>(List.of("deliver", "" + gannet.port("lmtp"), "sender@example.org",
                f.toString()));
        args.addAll(List.of(rcpts));
        PythonLmtp.Result r = PythonLmtp.run(60, args.toArray(String[]::new));
        assertThat(r.exit()).as(r.lines().toString()).isZero();
        for (String rcpt : rcpts) {
            assertThat(r.reply("DATA", rcpt)).startsWith("250 2.0.0");
        }
        return r;
    }

    private double count(String name, String... tags) {
        return FakeRspamd.count(gannet, name, tags);
    }

    /** The fields between Gannet's trace fields and the delivered bytes. */
    private static String verdictFields(byte[] stored, byte[] original) {
        byte[] tail = Arrays.copyOfRange(stored, stored.length - original.length, stored.length);
        assertThat(tail).as("the delivered bytes follow the prepended fields unchanged").isEqualTo(original);
        String head = new String(stored, 0, stored.length - original.length, StandardCharsets.UTF_8);
        assertThat(head).startsWith("Return-Path: <sender@example.org>\r\nDelivered-To: ");
        int after = head.indexOf("\r\n", head.indexOf("\tfor <")) + 2;
        return head.substring(after);
    }

    @Test
    void spamGoesToJunkForEveryRecipientAfterOneCheckAndHamToInbox() throws Exception {
        TestUser ann = gannet.createUser();
        TestUser bob = gannet.createUser();
        double checked = count("gannet.rspamd.checked");
        double spam = count("gannet.rspamd.spam");
        String marker = "m" + System.nanoTime();
        byte[] junk = DeliveryTest.message("offer", "", "SPAMWORD " + marker + "\r\n");
        deliver(junk, ann.address().toString(), bob.address().toString(), ann.address().toString());

        List<FakeRspamd.Seen> asked = rspamd.requestsWith(marker);
        assertThat(asked).as("one check per message, not per recipient").hasSize(1);
        assertThat(asked.get(0).path()).isEqualTo("/checkv2");
        assertThat(asked.get(0).header("Rcpt")).containsExactlyInAnyOrder(ann.address().toString(), bob.address().toString());
        assertThat(asked.get(0).header("From")).containsExactly("sender@example.org");
        assertThat(asked.get(0).header("Queue-Id")).hasSize(1);
        assertThat(asked.get(0).header("Deliver-To")).as("two users: no single delivery recipient").isEmpty();
        assertThat(asked.get(0).header("Password")).containsExactly(SECRET);
        for (TestUser u : List.of(ann, bob)) {
            List<byte[]> inJunk = Stored.messages(gannet, u, "Junk");
            assertThat(inJunk).hasSize(1);
            assertThat(Stored.messages(gannet, u, "INBOX")).isEmpty();
            assertThat(verdictFields(inJunk.get(0), junk))
                    .isEqualTo("X-Spam-Status: Yes, score=7.00 required=15.00\r\nX-Rspamd-Action: add header\r\n");
        }

        byte[] ham = DeliveryTest.message("lunch", "", "see you at noon " + marker + "\r\n");
        deliver(ham, ann.address().toString());
        List<byte[]> inbox = Stored.messages(gannet, ann, "INBOX");
        assertThat(inbox).hasSize(1);
        assertThat(verdictFields(inbox.get(0), ham))
                .isEqualTo("X-Spam-Status: No, score=1.25 required=15.00\r\nX-Rspamd-Action: no action\r\n");
        assertThat(rspamd.requestsWith(marker).get(1).header("Deliver-To")).containsExactly(ann.address().toString());
        assertThat(count("gannet.rspamd.checked") - checked).isEqualTo(2);
        assertThat(count("gannet.rspamd.spam") - spam).isEqualTo(1);
    }

    @Test
    void aRejectVerdictIsAcceptedAndFiledIntoJunkNeverRefused() throws Exception {
        TestUser u = gannet.createUser();
        deliver(DeliveryTest.message("reject me", "", "REJECTME\r\n"), u.address().toString());
        assertThat(Stored.messages(gannet, u, "Junk")).hasSize(1);
    }

    @Test
    void theClientAddressComesFromTheMtasReceivedField() throws Exception {
        TestUser u = gannet.createUser();
        String marker = "r" + System.nanoTime();
        deliver(DeliveryTest.message("relayed", "Received: from mail.example.net (mx.example.net [203.0.113.7])\r\n"
                + "\tby mx.gannet.test (Postfix) with ESMTPS id 4Xyz; Tue, 8 Dec 2026 00:00:00 +0000\r\n", marker + "\r\n"),
                u.address().toString());
        FakeRspamd.Seen asked = rspamd.requestsWith(marker).get(0);
        assertThat(asked.header("IP")).containsExactly("203.0.113.7");
        assertThat(asked.header("Helo")).containsExactly("mail.example.net");
        assertThat(asked.header("Hostname")).containsExactly("mx.example.net");
    }

    @Test
    void aSlowRspamdIsBypassedAndTheMessageDeliveredUnchecked() throws Exception {
        TestUser u = gannet.createUser();
        double before = count("gannet.rspamd.bypassed", "reason", "timeout");
        byte[] msg = DeliveryTest.message("slow", "", "SLOWWORD\r\n");
        long started = System.nanoTime();
        deliver(msg, u.address().toString());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("rspamd.timeout bounds the wait")
                .isLessThan(Duration.ofMillis(2500));
        List<byte[]> inbox = Stored.messages(gannet, u, "INBOX");
        assertThat(inbox).hasSize(1);
        assertThat(verdictFields(inbox.get(0), msg)).as("no verdict fields without a verdict").isEmpty();
        assertThat(count("gannet.rspamd.bypassed", "reason", "timeout") - before).isEqualTo(1);
    }

    @Test
    void anErrorOrUnreadableAnswerIsBypassed() throws Exception {
        TestUser u = gannet.createUser();
        double before = count("gannet.rspamd.bypassed", "reason", "error");
        deliver(DeliveryTest.message("broken", "", "BROKENWORD\r\n"), u.address().toString());
        deliver(DeliveryTest.message("garbage", "", "GARBAGEWORD\r\n"), u.address().toString());
        assertThat(Stored.messages(gannet, u, "INBOX")).hasSize(2);
        assertThat(count("gannet.rspamd.bypassed", "reason", "error") - before).isEqualTo(2);
    }

    @Test
    void aMessageOverMaxScanSizeIsSkippedAndDelivered() throws Exception {
        TestUser u = gannet.createUser();
        double before = count("gannet.rspamd.skipped");
        String marker = "big" + System.nanoTime();
        byte[] msg = DeliveryTest.message("big", "", "SPAMWORD " + marker + "\r\n" + "y".repeat(76).concat("\r\n").repeat(1200));
        deliver(msg, u.address().toString());
        assertThat(rspamd.requestsWith(marker)).as("not sent to rspamd").isEmpty();
        assertThat(Stored.messages(gannet, u, "INBOX")).hasSize(1);
        assertThat(count("gannet.rspamd.skipped") - before).isEqualTo(1);
    }

    @Test
    void aSpooledMessageIsSentFromItsFile() throws Exception {
        TestUser u = gannet.createUser();
        String marker = "spooled" + System.nanoTime();
        byte[] msg = DeliveryTest.message("spooled", "", "SPAMWORD " + marker + "\r\n" + "z".repeat(76).concat("\r\n").repeat(300));
        deliver(msg, u.address().toString());
        assertThat(rspamd.requestsWith(marker)).hasSize(1);
        assertThat(rspamd.requestsWith(marker).get(0).body()).isEqualTo(new String(msg, StandardCharsets.ISO_8859_1));
        assertThat(Stored.messages(gannet, u, "Junk")).hasSize(1);
    }
}
