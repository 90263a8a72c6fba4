package dev.gannet.core.mime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Parses a structured MIME header value into its leading value and parameters (RFC 2045 §5.1,
 * RFC 2183 §2), keeping values raw (encoded-words are not decoded here, as IMAP wants them), and
 * joins RFC 2231 §3 continuations as Dovecot does: plain parameters
 * first in their order, then each continued parameter once, sorted by name, as {@code name} or (when
 * any segment is extended) {@code name*} with an {@code ''} charset prefix if the first segment lacks
 * one. Segments with gaps in their numbering stay as they were written.
 */
final class MimeParams {

    record Parsed(String value, List<MimeParam> params) {
    }

    private record Segment(String base, int index, boolean extended, String value) {
    }

    private MimeParams() {
    }

    /**
     * The text before the first ';' (outside quotes), trimmed, and the parameters after it. A broken
     * parameter is skipped up to the next ';'; an unquoted value ends at the first character that
     * cannot be in a token, except that a value starting with '=' (a bare encoded-word) runs to
     * white space or ';', as Dovecot reads them.
     */
    static Parsed parse(String value) {
        int semi = nextSemicolon(value, 0);
        String leading = ContentFields.stripComments(value.substring(0, semi)).trim();
        List<MimeParam> plain = new ArrayList<>();
        List<Segment> segments = new ArrayList<>();
        int p = semi;
        while (p < value.length()) {
            int next = nextSemicolon(value, p + 1);
            MimeParam param = parameter(value, p + 1, next);
            p = next;
            if (param == null) {
                continue;
            }
            Segment seg = segment(param.name(), param.value());
            if (seg == null) {
                plain.add(param);
            } else {
                segments.add(seg);
            }
        }
        plain.addAll(join(segments));
        return new Parsed(leading, plain);
    }

    private static MimeParam parameter(String s, int from, int to) {
        int p = skipWhite(s, from, to);
        int keyStart = p;
        while (p < to && isTokenChar(s.charAt(p))) {
            p++;
        }
        String key = s.substring(keyStart, p);
        p = skipWhite(s, p, to);
        if (key.isEmpty() || p >= to || s.charAt(p) != '=') {
            return null;
        }
        p = skipWhite(s, p + 1, to);
        StringBuilder value = new StringBuilder();
        if (p < to && s.charAt(p) == '"') {
            for (p++; p < s.length() && s.charAt(p) != '"'; p++) {
                char c = s.charAt(p);
                if (c == '\\' && p + 1 < s.length()) {
                    c = s.charAt(++p);
                }
                value.append(c);
            }
        } else if (p < to && s.charAt(p) == '=') {
            while (p < to && s.charAt(p) != ' ' && s.charAt(p) != '\t') {
                value.append(s.charAt(p++));
            }
        } else {
            while (p < to && isTokenChar(s.charAt(p))) {
                value.append(s.charAt(p++));
            }
        }
        return new MimeParam(key, value.toString());
    }

    /** Index of the next ';' outside a quoted string or comment, or the length. */
    private static int nextSemicolon(String s, int from) {
        boolean quoted = false;
        int depth = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && (quoted || depth > 0)) {
                i++;
            } else if (c == '"' && depth == 0) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
            } else if (!quoted && depth == 0 && c == ';') {
                return i;
            }
        }
        return s.length();
    }

    private static int skipWhite(String s, int p, int to) {
        while (p < to) {
            char c = s.charAt(p);
            if (c == ' ' || c == '\t') {
                p++;
            } else if (c == '(') {
                int depth = 0;
                do {
                    char d = s.charAt(p);
                    if (d == '\\') {
                        p++;
                    } else if (d == '(') {
                        depth++;
                    } else if (d == ')') {
                        depth--;
                    }
                    p++;
                } while (p < to && depth > 0);
            } else {
                break;
            }
        }
        return Math.min(p, to);
    }

    /** RFC 2045 §5.1 token characters, plus 8-bit ones as Dovecot accepts them. */
    static boolean isTokenChar(char c) {
        return c > ' ' && c != 127 && "()<>@,;:\\\"/[]?=".indexOf(c) < 0;
    }

    private static Segment segment(String name, String value) {
        int star = name.indexOf('*');
        if (star <= 0) {
            return null;
        }
        String rest = name.substring(star + 1);
        if (rest.isEmpty()) {
            return new Segment(name.substring(0, star), 0, true, value);
        }
        int index = 0;
        int i = 0;
        while (i < rest.length() && Character.isDigit(rest.charAt(i)) && i < 6) {
            index = index * 10 + (rest.charAt(i) - '0');
            i++;
        }
        boolean extended = i < rest.length() && rest.charAt(i) == '*';
        if (extended) {
            i++;
        }
        if (i != rest.length()) {
            return null;
        }
        return new Segment(name.substring(0, star), index, extended, value);
    }

    private static List<MimeParam> join(List<Segment> segments) {
        List<MimeParam> out = new ArrayList<>();
        segments.sort(Comparator.comparing((Segment s) -> s.base().toLowerCase(Locale.ROOT)).thenComparingInt(Segment::index));
        int i = 0;
        while (i < segments.size()) {
            int j = i;
            boolean contiguous = true;
            boolean anyExtended = false;
            while (j < segments.size() && segments.get(j).base().equalsIgnoreCase(segments.get(i).base())) {
                contiguous &= segments.get(j).index() == j - i;
                anyExtended |= segments.get(j).extended();
                j++;
            }
            if (!contiguous) {
                for (Segment s : segments.subList(i, j)) {
                    out.add(new MimeParam(s.base() + "*" + s.index() + (s.extended() ? "*" : ""), s.value()));
                }
            } else {
                StringBuilder value = new StringBuilder();
                if (anyExtended && !segments.get(i).extended()) {
                    value.append("''");
                }
                for (Segment s : segments.subList(i, j)) {
                    value.append(anyExtended && !s.extended() ? s.value().replace("%", "%25") : s.value());
                }
                out.add(new MimeParam(segments.get(i).base() + (anyExtended ? "*" : ""), value.toString()));
            }
            i = j;
        }
        return out;
    }
}
