package dev.gannet.core.mime;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * A multipart message with a large base64 attachment (76-character CRLF lines), generated while it
 * is read so that the test itself never holds the message in memory.
 */
final class BigMessageStream extends InputStream {

    static final String HEAD = "From: Big Sender <big@example.com>\r\n"
            + "To: someone@example.org\r\n"
            + "Subject: a large attachment\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"big-boundary\"\r\n"
            + "\r\n"
            + "--big-boundary\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "\r\n"
            + "See the attachment.\r\n"
            + "--big-boundary\r\n"
            + "Content-Type: application/octet-stream; name=\"big.bin\"\r\n"
            + "Content-Disposition: attachment; filename=\"big.bin\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n";
    static final String TAIL = "\r\n--big-boundary--\r\n";
    private static final int CHUNK = 57 * 1024;

    private final Random random = new Random(20_000_000L);
    private final Base64.Encoder encoder = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'});
    private long remaining;
    private byte[] current;
    private int pos;
    private int stage;

    BigMessageStream(long decodedBytes) {
        this.remaining = decodedBytes;
        this.current = HEAD.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        while (pos == current.length) {
            if (!next()) {
                return -1;
            }
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    private boolean next() {
        if (stage == 2) {
            return false;
        }
        pos = 0;
        if (stage == 0 && remaining > 0) {
            byte[] chunk = new byte[(int) Math.min(CHUNK, remaining)];
            random.nextBytes(chunk);
            boolean first = current.length > 0 && current[current.length - 1] == '\n';
            byte[] encoded = encoder.encode(chunk);
            remaining -= chunk.length;
            current = first ? encoded : concat(new byte[] {'\r', '\n'}, encoded);
            return true;
        }
        if (stage == 0) {
            stage = 1;
            current = TAIL.getBytes(StandardCharsets.US_ASCII);
            return true;
        }
        stage = 2;
        pos = current.length;
        return false;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Run in a JVM with a small heap: parses (or, with "slurp", buffers) a 20 MiB attachment message. */
    public static void main(String[] args) throws Exception {
        long decoded = 20L * 1024 * 1024;
        if (args.length > 0 && args[0].equals("slurp")) {
            byte[] all = new BigMessageStream(decoded).readAllBytes();
            System.out.println("slurped " + all.length);
            return;
        }
        ParsedMessage m = MessageParser.parse(new BigMessageStream(decoded));
        BodyPart attachment = m.part("2").orElseThrow();
        System.out.println("size=" + m.size() + " decoded=" + attachment.leaf().decodedSize()
                + " layout=" + attachment.leaf().layout());
    }
}
