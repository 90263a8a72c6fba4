package dev.gannet.core.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Generated messages for byte-fidelity tests: 8-bit headers, binary and base64 attachments in several
 * wrappings, broken MIME, bare LF, no final line ending, nested messages.
 */
public final class GeneratedMail {

    private GeneratedMail() {
    }

    public static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** base64 of {@code data} with {@code lineLength}-character lines ending in {@code eol}. */
    public static String base64(byte[] data, int lineLength, String eol, boolean finalEol) {
        String flat = Base64.getEncoder().encodeToString(data);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < flat.length(); i += lineLength) {
            if (i > 0) {
                sb.append(eol);
            }
            sb.append(flat, i, Math.min(flat.length(), i + lineLength));
        }
        if (finalEol) {
            sb.append(eol);
        }
        return sb.toString();
    }

    /** A multipart/mixed message with one text part and one attachment part given encoded. */
    public static byte[] withAttachment(String subject, String encoding, byte[] encodedBody, String eol) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "From: a@example.com" + eol + "Subject: " + subject + eol + "MIME-Version: 1.0" + eol
                + "Content-Type: multipart/mixed; boundary=\"b1\"" + eol + eol + "preamble" + eol + "--b1" + eol
                + "Content-Type: text/plain" + eol + eol + "hello " + subject + eol + "--b1" + eol
                + "Content-Type: application/octet-stream; name=\"a.bin\"" + eol
                + "Content-Disposition: attachment; filename=\"a.bin\"" + eol
                + "Content-Transfer-Encoding: " + encoding + eol + eol;
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(encodedBody);
        out.writeBytes((eol + "--b1--" + eol + "epilogue").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** The generated corpus (without the 20 MB message, which its test builds on disk). */
    public static Map<String, byte[]> corpus() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("8bit-headers", concat("Subject: Gr\u00fc\u00dfe \u00ff\r\nFrom: J\u00f6rg <j@example.com>\r\n"
                .getBytes(StandardCharsets.ISO_8859_1), "X-Utf8: \u65e5\u672c\r\n\r\nbody \u00e9\r\n".getBytes(StandardCharsets.UTF_8)));
        m.put("binary-attachment", withAttachment("bin", "binary", random(1, 200_000), "\r\n"));
        m.put("base64-76-crlf", withAttachment("b76", "base64",
                base64(random(2, 150_000), 76, "\r\n", false).getBytes(StandardCharsets.US_ASCII), "\r\n"));
        m.put("base64-64-lf", withAttachment("b64", "base64",
                base64(random(2, 150_000), 64, "\n", true).getBytes(StandardCharsets.US_ASCII), "\n"));
        m.put("base64-ragged", withAttachment("rag", "base64", ragged(random(3, 90_000)), "\r\n"));
        m.put("broken-boundary", ("Subject: broken\r\nContent-Type: multipart/mixed; boundary=zz\r\n\r\n--zz\r\n"
                + "Content-Type: text/plain\r\n\r\nno closing delimiter\r\n--z\r\n").getBytes(StandardCharsets.US_ASCII));
        m.put("missing-boundary", ("Subject: nob\r\nContent-Type: multipart/alternative\r\n\r\n--x\r\nhi\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        m.put("bare-lf", "Subject: lf\nContent-Type: text/plain\n\nline1\nline2\n".getBytes(StandardCharsets.US_ASCII));
        m.put("no-final-crlf", "Subject: nocrlf\r\n\r\nlast line".getBytes(StandardCharsets.US_ASCII));
        m.put("no-body", "Subject: header only\r\n".getBytes(StandardCharsets.US_ASCII));
        m.put("empty", new byte[0]);
        byte[] inner = withAttachment("inner", "base64",
                base64(random(4, 70_000), 76, "\r\n", false).getBytes(StandardCharsets.US_ASCII), "\r\n");
        m.put("nested-rfc822", concat(("Subject: outer\r\nContent-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\n"
                + "Content-Type: message/rfc822\r\n\r\n").getBytes(StandardCharsets.US_ASCII), inner,
                "\r\n--o--\r\n".getBytes(StandardCharsets.US_ASCII)));
        m.put("quoted-printable", withAttachment("qp", "quoted-printable",
                ("caf=C3=A9 " + "x".repeat(70) + "=\r\n").repeat(2000).getBytes(StandardCharsets.US_ASCII), "\r\n"));
        return m;
    }

    private static byte[] ragged(byte[] data) {
        String flat = Base64.getEncoder().encodeToString(data);
        StringBuilder sb = new StringBuilder();
        int i = 0;
        int len = 60;
        while (i < flat.length()) {
            sb.append(flat, i, Math.min(flat.length(), i + len)).append("\r\n");
            i += len;
            len = len == 60 ? 72 : 60;
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
