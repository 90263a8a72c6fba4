package dev.gannet.imap.compress;

import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import dev.gannet.core.testing.TrustAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * COMPRESS=DEFLATE (RFC 4978) over real sockets with java.util.zip's raw DEFLATE as the client's side: the OK
 * is plain and everything after it compressed, each response readable as soon as it is sent (a large FETCH,
 * IDLE updates), a second COMPRESS is refused, it works inside STARTTLS, and input that inflates beyond the
 * line limit or is not DEFLATE at all ends the connection instead of filling memory.
 */
class CompressTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    private static DeflateClient loggedIn(Socket socket, TestUser user) throws IOException {
        DeflateClient c = new DeflateClient(socket);
        assertThat(c.readLine()).startsWith("* OK").contains("COMPRESS=DEFLATE");
        assertThat(c.command("a", "LOGIN " + user.username() + " " + user.password()).get(0)).startsWith("a OK");
        return c;
    }

    private static void compress(DeflateClient c) throws IOException {
        c.send("z COMPRESS DEFLATE");
        assertThat(c.readLine()).isEqualTo("z OK DEFLATE active");
        c.compress();
    }

    private static byte[] bigMessage() {
        StringBuilder sb = new StringBuilder("From: a@example.com\r\nTo: b@example.com\r\nSubject: big\r\n\r\n");
        for (int i = 0; sb.length() < 1_500_000; i++) {
            sb.append("line ").append(i).append(" of a large message, ").append(Integer.toHexString(i * 7919)).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void append(TestUser user, byte[] message) {
        var box = gannet.mailbox(user, "INBOX");
        gannet.store().messages().append(new AppendRequest(user.id(), box.id(), MessageSource.of(message),
                Flags.parse(List.of()), Instant.parse("2026-01-02T03:04:05Z"), AppendRequest.Origin.LMTP)).block();
    }

    @Test
    void compressedSessionFetchesALargeMessageAndIdles() throws Exception {
        TestUser user = gannet.createUser();
        byte[] big = bigMessage();
        append(user, big);
        try (DeflateClient c = loggedIn(new Socket("127.0.0.1", gannet.port("imap")), user)) {
            compress(c);
            assertThat(c.command("b", "NOOP")).containsExactly("b OK NOOP completed");
            assertThat(c.command("c", "SELECT INBOX")).last().asString().startsWith("c OK");
            c.send("d FETCH 1 BODY.PEEK[]");
            assertThat(c.readLine()).isEqualTo("* 1 FETCH (BODY[] {" + big.length + "}");
            assertThat(c.readBytes(big.length)).isEqualTo(big);
            assertThat(c.readLine()).isEqualTo(")");
            assertThat(c.readLine()).isEqualTo("d OK Fetch completed");
            assertThat(c.command("e", "COMPRESS DEFLATE"))
                    .containsExactly("e NO [COMPRESSIONACTIVE] DEFLATE is already active");
            c.send("f IDLE");
            assertThat(c.readLine()).isEqualTo("+ idling");
            append(user, "Subject: small\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(c.readLine()).isEqualTo("* 2 EXISTS");
            assertThat(c.readLine()).matches("\\* \\d+ RECENT");
            c.send("DONE");
            assertThat(c.readLine()).isEqualTo("f OK IDLE terminated");
            c.send("g LOGOUT");
            assertThat(c.readLine()).startsWith("* BYE");
            assertThat(c.readLine()).startsWith("g OK");
            assertThat(c.readLine()).isNull();
        }
    }

    @Test
    void compressionWorksInsideStartTls() throws Exception {
        TestUser user = gannet.createUser();
        Socket plain = new Socket("127.0.0.1", gannet.port("imap"));
        DeflateClient first = new DeflateClient(plain);
        assertThat(first.readLine()).startsWith("* OK");
        first.send("a STARTTLS");
        assertThat(first.readLine()).isEqualTo("a OK Begin TLS negotiation now");
        SSLSocket tls = (SSLSocket) TrustAll.context().getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), true);
        tls.startHandshake();
        try (DeflateClient c = new DeflateClient(tls)) {
            assertThat(c.command("b", "LOGIN " + user.username() + " " + user.password()).get(0)).startsWith("b OK");
            compress(c);
            List<String> caps = c.command("c", "CAPABILITY");
            assertThat(caps.get(0)).startsWith("* CAPABILITY IMAP4rev1").contains("COMPRESS=DEFLATE");
            assertThat(c.command("d", "LIST \"\" *")).last().asString().isEqualTo("d OK List completed");
        }
    }

    @Test
    void compressNeedsAuthenticationAndTheDeflateMechanism() throws Exception {
        TestUser user = gannet.createUser();
        try (DeflateClient c = new DeflateClient(new Socket("127.0.0.1", gannet.port("imap")))) {
            c.readLine();
            assertThat(c.command("a", "COMPRESS DEFLATE")).containsExactly("a BAD Please log in first");
            assertThat(c.command("b", "LOGIN " + user.username() + " " + user.password()).get(0)).startsWith("b OK");
            assertThat(c.command("c", "COMPRESS LZW")).containsExactly("c BAD Unsupported compression mechanism");
            assertThat(c.command("d", "NOOP")).containsExactly("d OK NOOP completed");
        }
    }

    @Test
    void aSmallInputThatInflatesBeyondTheLineLimitEndsTheConnection() throws Exception {
        TestUser user = gannet.createUser();
        try (DeflateClient c = loggedIn(new Socket("127.0.0.1", gannet.port("imap")), user)) {
            compress(c);
            byte[] huge = new byte[64 << 20];
            java.util.Arrays.fill(huge, (byte) 'x');
            Deflater d = new Deflater(9, true);
            d.setInput(huge);
            ByteArrayOutputStream packed = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            int n;
            while ((n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) {
                packed.write(buf, 0, n);
            }
            assertThat(packed.size()).isLessThan(200_000);
            c.rawOut(packed.toByteArray());
            String line;
            do {
                line = c.readLine();
            } while (line != null && !line.startsWith("* BYE"));
            assertThat(line).isNotNull();
            assertThat(c.readLine()).isNull();
        }
    }

    @Test
    void dataThatIsNotDeflateEndsTheConnection() throws Exception {
        TestUser user = gannet.createUser();
        try (DeflateClient c = loggedIn(new Socket("127.0.0.1", gannet.port("imap")), user)) {
            compress(c);
            c.rawOut(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3, 4});
            String line;
            do {
                line = c.readLine();
            } while (line != null && !line.startsWith("* BYE"));
            assertThat(c.readLine()).isNull();
        }
    }
}
