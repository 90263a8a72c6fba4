package dev.gannet.imap.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Writes strings in the forms RFC 3501 §4.3 allows: a quoted string when the value is short 7-bit text
 * without CR or LF, otherwise a literal. Atoms are written only where the grammar wants an atom.
 */
public final class ImapStrings {

    private ImapStrings() {
    }

    /** {@code "..."} with {@code \} and {@code "} escaped, or {@code {n}CRLF...} when quoting cannot carry it. */
    public static String string(String s) {
        if (quotable(s, false)) {
            return quote(s);
        }
        return "{" + s.getBytes(StandardCharsets.UTF_8).length + "}\r\n" + s;
    }

    /** As {@link #string}, but UTF-8 may be quoted (after ENABLE UTF8=ACCEPT, RFC 6855 §3). */
    public static String string(String s, boolean utf8) {
        if (quotable(s, utf8)) {
            return quote(s);
        }
        return "{" + s.getBytes(StandardCharsets.UTF_8).length + "}\r\n" + s;
    }

    public static String nstring(String s) {
        return s == null ? "NIL" : string(s);
    }

    private static boolean quotable(String s, boolean utf8) {
        if (s.length() > 1000) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || (c > 0x7e && !utf8)) {
                return false;
            }
        }
        return true;
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
