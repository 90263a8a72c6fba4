package dev.gannet.core.mime;

import java.util.List;

/**
 * IMAP string syntax (RFC 3501 §4.3, §9 nstring): a quoted string when the value is plain 7-bit text
 * with at most four quoted-specials (each escaped), otherwise a literal; null is NIL. As in
 * Dovecot, CR and LF are dropped from values first. Literal lengths count the octets
 * {@link RawHeaderBytes#bytes} writes (UTF-8, raw header bytes as themselves), so the rendered text must be
 * written that way.
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
            out.append('{').append(RawHeaderBytes.octets(v)).append("}\r\n").append(v);
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

    /**
     * Dovecot's form for text people read (ENVELOPE subject and display names): white space runs
     * become one space and are trimmed; if that changed anything, or the text has quotes,
     * backslashes, NUL or 8-bit characters, the cleaned text is sent as a literal.
     */
    static void forHumans(StringBuilder out, String value) {
        if (value == null) {
            out.append("NIL");
            return;
        }
        StringBuilder clean = new StringBuilder(value.length());
        boolean special = false;
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                space = clean.length() > 0;
                continue;
            }
            if (space) {
                clean.append(' ');
                space = false;
            }
            special |= c == '"' || c == '\\' || c == 0 || c >= 0x80;
            clean.append(c == 0 ? '\u0080' : c);
        }
        if (!special && clean.toString().equals(value)) {
            out.append('"').append(value).append('"');
        } else if (clean.length() == 0) {
            out.append("\"\"");
        } else {
            String v = clean.toString();
            out.append('{').append(RawHeaderBytes.octets(v)).append("}\r\n").append(v);
        }
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
