package dev.gannet.server.concurrency;

import dev.gannet.core.testing.GeneratedMail;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The messages the suite appends and delivers, each with its own Message-ID (so any fetched copy names the
 * bytes it must equal): plain text, text with 8-bit UTF-8 headers, multipart/alternative, a nested
 * message/rfc822, and multipart/mixed with {@link #SHARED_ATTACHMENT}, the same 150,000-byte base64 part
 * for every user, which the store keeps once (deduplicated across users).
 */
final class MailPool {

    /** The attachment every user's messages share, decoded; the same bytes in every run. */
    static final byte[] SHARED_ATTACHMENT = GeneratedMail.random(14, 150_000);
    private static final String SHARED_BASE64 = GeneratedMail.base64(SHARED_ATTACHMENT, 76, "\r\n", true);
    private static final Pattern MESSAGE_ID = Pattern.compile("(?:\\A|\r\n)Message-ID: <([^>\r\n]+)>\r\n");

    private final long seed;
    private final AtomicLong counter = new AtomicLong();

    MailPool(long seed) {
        this.seed = seed;
    }

    /** A new message of a random kind; {@code sharedShare} is the chance (0..1) that it carries the shared part. */
    byte[] next(Random r, double sharedShare) {
        String id = "m" + counter.incrementAndGet() + "." + seed + "@suite.gannet.test";
        if (r.nextDouble() < sharedShare) {
            return withShared(id, "report " + id);
        }
        return switch (r.nextInt(4)) {
            case 0 -> plain(id, r);
            case 1 -> eightBit(id, r);
            case 2 -> alternative(id, r);
            default -> nested(id, r);
        };
    }

    /** The Message-ID in the top-level header of a message this pool built (after any trace fields), or null. */
    static String messageId(byte[] message) {
        String text = new String(message, 0, Math.min(message.length, 4000), StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        Matcher m = MESSAGE_ID.matcher(end < 0 ? text : text.substring(0, end + 2));
        return m.find() ? m.group(1) : null;
    }

    /** A multipart/mixed message whose second part is the shared attachment. */
    static byte[] withShared(String id, String subject) {
        return ascii(head(id, subject) + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"s-b\"\r\n\r\n"
                + "--s-b\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nThe figures are attached.\r\n"
                + "--s-b\r\nContent-Type: application/octet-stream; name=\"figures.bin\"\r\n"
                + "Content-Disposition: attachment; filename=\"figures.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + SHARED_BASE64 + "--s-b--\r\n");
    }

    private static byte[] plain(String id, Random r) {
        return ascii(head(id, "note " + r.nextInt(1000)) + "\r\n" + lines(r, 1 + r.nextInt(40)));
    }

    private static byte[] eightBit(String id, Random r) {
        String text = head(id, "Gr\u00fc\u00dfe aus K\u00f6ln " + r.nextInt(100))
                + "X-Note: \u65e5\u672c\u8a9e\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nca\u00e9 cr\u00e8me\r\n" + lines(r, 1 + r.nextInt(10));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] alternative(String id, Random r) {
        String body = lines(r, 2 + r.nextInt(8));
        return ascii(head(id, "alt " + r.nextInt(1000)) + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/alternative; boundary=\"a-b\"\r\n\r\n--a-b\r\nContent-Type: text/plain\r\n\r\n"
                + body + "--a-b\r\nContent-Type: text/html\r\n\r\n<p>" + body + "</p>\r\n--a-b--\r\n");
    }

    private static byte[] nested(String id, Random r) {
        String inner = "From: Carol <carol@example.net>\r\nSubject: inner " + r.nextInt(100) + "\r\n"
                + "Message-ID: <inner." + id + ">\r\n\r\n" + lines(r, 1 + r.nextInt(5));
        return ascii(head(id, "fwd " + r.nextInt(1000)) + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"n-b\"\r\n\r\n--n-b\r\nContent-Type: text/plain\r\n\r\nsee below\r\n"
                + "--n-b\r\nContent-Type: message/rfc822\r\n\r\n" + inner + "--n-b--\r\n");
    }

    private static String head(String id, String subject) {
        return "Message-ID: <" + id + ">\r\nFrom: Alice <alice@example.com>\r\nTo: team@gannet.test\r\nSubject: "
                + subject + "\r\nDate: Mon, 7 Feb 1994 21:52:25 -0800\r\n";
    }

    private static String lines(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("line ").append(i).append(' ').append("x".repeat(r.nextInt(70))).append("\r\n");
        }
        return sb.toString();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
