package dev.gannet.api.submit;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A message as bytes with its header fields located (RFC 5322 §2.2: a field runs until a line that does not start
 * with WSP), so that a submission can read From and the recipient fields, drop Bcc and add a missing Date or
 * Message-ID (RFC 6409 §8) while every other byte stays as it came.
 */
final class RawMessage {

    /** One field: its raw text with folding and line end, and where it starts in the message. */
    record Field(String name, String raw) {
        /** The unfolded value after the colon. */
        String value() {
            return raw.substring(raw.indexOf(':') + 1).replace("\r", "").replace("\n", "").strip();
        }
    }

    private final byte[] bytes;
    private final List<Field> fields = new ArrayList<>();
    private final int bodyOffset;

    RawMessage(byte[] bytes) {
        this.bytes = bytes;
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int i = 0;
        StringBuilder cur = null;
        int end = text.length();
        while (i < text.length()) {
            int nl = text.indexOf('\n', i);
            int lineEnd = nl < 0 ? text.length() : nl + 1;
            String line = text.substring(i, lineEnd);
            if (line.equals("\r\n") || line.equals("\n")) {
                end = lineEnd;
                break;
            }
            if (cur != null && (line.startsWith(" ") || line.startsWith("\t"))) {
                cur.append(line);
            } else {
                if (cur != null) {
                    add(cur.toString());
                }
                cur = new StringBuilder(line);
            }
            i = lineEnd;
        }
        if (cur != null) {
            add(cur.toString());
        }
        this.bodyOffset = Math.min(end, text.length());
    }

    private void add(String raw) {
        int colon = raw.indexOf(':');
        String name = colon < 0 ? "" : raw.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        fields.add(new Field(name, raw));
    }

    String first(String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return f.value();
            }
        }
        return null;
    }

    boolean has(String name) {
        return first(name) != null;
    }

    /** Every address in every field of these names, groups expanded; INVALID for an unparseable field. */
    List<InternetAddress> addresses(String... names) throws AddressException {
        List<InternetAddress> out = new ArrayList<>();
        for (Field f : fields) {
            for (String n : names) {
                if (f.name().equals(n)) {
                    for (InternetAddress a : InternetAddress.parseHeader(f.value(), false)) {
                        if (a.isGroup()) {
                            out.addAll(List.of(a.getGroup(false)));
                        } else {
                            out.add(a);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The message with {@code prepend} fields first, the fields named {@code drop} left out, the rest byte-exact. */
    byte[] rewrite(List<String> prepend, String drop) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 200);
        for (String p : prepend) {
            out.writeBytes((p + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        for (Field f : fields) {
            if (!f.name().equals(drop)) {
                out.writeBytes(f.raw().getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        int headerEnd = 0;
        for (Field f : fields) {
            headerEnd += f.raw().length();
        }
        out.write(bytes, headerEnd, bytes.length - headerEnd);
        return out.toByteArray();
    }

    int bodyOffset() {
        return bodyOffset;
    }
}
