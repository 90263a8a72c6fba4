package dev.gannet.core.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import dev.gannet.core.store.Content;

/** Test messages and helpers to read streamed content back. */
public final class Messages {

    private Messages() {
    }

    public static byte[] simple(String subject, String body) {
        return ("From: Alice <alice@example.com>\r\nTo: bob@example.org\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + System.nanoTime() + "@example.com>\r\nDate: Mon, 7 Feb 1994 21:52:25 -0800\r\n\r\n"
                + body + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A text/plain UTF-8 message with these fields; {@code extraHeaders} is whole lines (CRLF each) or "". */
    public static byte[] plain(String from, String to, String subject, String extraHeaders, String body) {
        return ("From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n" + extraHeaders
                + "Date: Mon, 07 Dec 2026 10:15:30 +0100\r\nMessage-ID: <" + System.nanoTime() + "@example.org>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] bytes(Content c) {
        List<ByteBuffer> parts = c.bytes().collectList().block();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer b : parts) {
            byte[] a = new byte[b.remaining()];
            b.get(a);
            out.write(a, 0, a.length);
        }
        return out.toByteArray();
    }
}
