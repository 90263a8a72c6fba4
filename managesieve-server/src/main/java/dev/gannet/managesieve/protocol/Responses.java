package dev.gannet.managesieve.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The one writer of ManageSieve responses (RFC 5804 §1.2-§1.4, ABNF §4): {@code OK}/{@code NO}/{@code BYE}
 * with an optional response code in parentheses and an optional human-readable string, and strings that are
 * quoted when they can be and literals ({@code {n}} CRLF octets) when they hold CR, LF or NUL or are long.
 */
public final class Responses {

    private static final int MAX_QUOTED = 1024;

    private Responses() {
    }

    public static String ok(String text) {
        return response("OK", null, text);
    }

    public static String ok(String code, String text) {
        return response("OK", code, text);
    }

    public static String no(String text) {
        return response("NO", null, text);
    }

    public static String no(String code, String text) {
        return response("NO", code, text);
    }

    public static String bye(String code, String text) {
        return response("BYE", code, text);
    }

    /** A {@code TAG} response code (§1.3) echoing the client's string. */
    public static String tag(String tag) {
        return "TAG " + string(tag);
    }

    private static String response(String status, String code, String text) {
        StringBuilder sb = new StringBuilder(status);
        if (code != null) {
            sb.append(" (").append(code).append(')');
        }
        if (text != null) {
            sb.append(' ').append(string(text));
        }
        return sb.append("\r\n").toString();
    }

    /** {@code s} as a ManageSieve string: quoted where allowed, else a literal. */
    public static String string(String s) {
        if (s.length() <= MAX_QUOTED && s.indexOf('\r') < 0 && s.indexOf('\n') < 0 && s.indexOf('\0') < 0) {
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
        return literal(s);
    }

    /** {@code s} as a literal (GETSCRIPT's answer, §2.9). */
    public static String literal(String s) {
        return "{" + s.getBytes(StandardCharsets.UTF_8).length + "}\r\n" + s;
    }
}
