package dev.gannet.core.mime;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * IMAP string syntax (RFC 3501 §4.3, §9 nstring): a quoted string when the value is plain 7-bit text
 * with at most four quoted-specials (each escaped), otherwise a literal; null is NIL. As in
 * Dovecot, CR and LF are dropped from values first. Literal lengths count UTF-8 octets, so the
 * rendered text must be written as UTF-8.
 */
final class ImapStrings {

    private ImapStrings() {
    }

    static void nstring(StringBuilder out, String value) {
        if (value == null) {
            out.append("NIL");
        } else {
            string(out, value);
        }
    }

    static void string(StringBuilder out, String value) {
        String v = value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0
                ? value.replace("\r", "").replace("\n", "") : value;
        int specials = 0;
        boolean literal = false;
        for (int i = 0; i < v.length() && !literal; i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                literal = ++specials > 4;
            } else if (c == 0 || c >= 0x80) {
                literal = true;
            }
        }
        if (literal) {
            out.append('{').append(v.getBytes(StandardCharsets.UTF_8).length).append("}\r\n").append(v);
            return;
        }
        out.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    /** body-fld-param: NIL when empty (unless a default charset is due), else ("name" "value" ...). */
    static void params(StringBuilder out, List<MimeParam> params, boolean defaultCharset) {
        boolean seenCharset = false;
        if (params.isEmpty() && !defaultCharset) {
            out.append("NIL");
            return;
        }
        out.append('(');
        for (int i = 0; i < params.size(); i++) {
            MimeParam p = params.get(i);
            if (i > 0) {
                out.append(' ');
            }
            seenCharset |= p.name().equalsIgnoreCase("charset");
            string(out, p.name());
            out.append(' ');
            string(out, p.value());
        }
        if (defaultCharset && !seenCharset) {
            if (!params.isEmpty()) {
                out.append(' ');
            }
            out.append("\"charset\" \"us-ascii\"");
        }
        out.append(')');
    }
}
