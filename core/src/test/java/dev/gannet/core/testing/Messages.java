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
