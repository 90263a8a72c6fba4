package dev.gannet.core.testing.imap;

import java.nio.charset.StandardCharsets;

/**
 * A server response that does not follow the RFC 3501 §9 grammar (with the extensions Gannet advertises):
 * what was expected, at which byte, and the bytes around it, so a failing test shows the evidence.
 */
public final class ImapGrammarException extends Exception {

    private final int position;
    private final String expected;

    ImapGrammarException(String expected, byte[] response, int position) {
        super(expected + " at byte " + position + " of " + response.length + ": " + excerpt(response, position));
        this.position = position;
        this.expected = expected;
    }

    /** The production that was expected where the response went wrong (e.g. {@code nz-number}). */
    public String expected() {
        return expected;
    }

    public int position() {
        return position;
    }

    /** The response with the failing position marked by {@code ⟦⟧}, non-printable bytes escaped, cut to 300 chars. */
    static String excerpt(byte[] b, int at) {
        int from = Math.max(0, at - 150);
        int to = Math.min(b.length, at + 150);
        return (from > 0 ? "…" : "") + printable(b, from, at) + "⟦" + printable(b, at, Math.min(to, at + 1)) + "⟧"
                + printable(b, Math.min(to, at + 1), to) + (to < b.length ? "…" : "");
    }

    /** Bytes as text, CR/LF and other control or 8-bit bytes as escapes. */
    public static String printable(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xff;
            if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    public static String printable(byte[] b) {
        return printable(b, 0, b.length);
    }

    static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
