package dev.gannet.core.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * The Content-* fields of one MIME header as BODYSTRUCTURE needs them (RFC 2045 §5-§8, RFC 2183,
 * RFC 3066 Content-Language, RFC 2557 Content-Location, RFC 1864 Content-MD5), read the way Dovecot
 * reads them: the first occurrence of each field counts, Content-Transfer-Encoding must be a single
 * token, Content-Language is a list of atoms. A Content-Type without a usable type/subtype counts as
 * absent, so the RFC 2045 default applies.
 */
final class ContentFields {

    String type;
    String subtype;
    List<MimeParam> params = List.of();
    String transferEncoding;
    String id;
    String description;
    String md5;
    String location;
    Disposition disposition;
    List<String> languages = List.of();

    private ContentFields() {
    }

    static ContentFields none() {
        return new ContentFields();
    }

    static ContentFields of(List<HeaderBlock.Line> lines) {
        ContentFields f = new ContentFields();
        boolean seenType = false;
        for (HeaderBlock.Line line : lines) {
            String name = line.name();
            if (name.length() < 9 || !name.regionMatches(true, 0, "Content-", 0, 8)) {
                continue;
            }
            String what = name.substring(8);
            String value = line.value();
            if (what.equalsIgnoreCase("Type") && !seenType) {
                seenType = true;
                f.contentType(value);
            } else if (what.equalsIgnoreCase("Transfer-Encoding") && f.transferEncoding == null) {
                f.transferEncoding = singleToken(value);
            } else if (what.equalsIgnoreCase("ID") && f.id == null) {
                f.id = value;
            } else if (what.equalsIgnoreCase("Description") && f.description == null) {
                f.description = value;
            } else if (what.equalsIgnoreCase("MD5") && f.md5 == null) {
                f.md5 = value;
            } else if (what.equalsIgnoreCase("Location") && f.location == null) {
                f.location = value;
            } else if (what.equalsIgnoreCase("Language") && f.languages.isEmpty()) {
                f.languages = languages(value);
            } else if (what.equalsIgnoreCase("Disposition") && f.disposition == null) {
                f.disposition = disposition(value);
            }
        }
        return f;
    }

    boolean hasType() {
        return type != null;
    }

    private void contentType(String value) {
        MimeParams.Parsed parsed = MimeParams.parse(value);
        String v = parsed.value();
        int slash = v.indexOf('/');
        if (slash <= 0 || slash == v.length() - 1) {
            return;
        }
        String t = v.substring(0, slash).trim();
        String s = v.substring(slash + 1).trim();
        if (!isToken(t) || !isToken(s)) {
            return;
        }
        type = t;
        subtype = s;
        params = parsed.params();
    }

    /** The leading token, possibly empty as in Dovecot, and the parameters. */
    private static Disposition disposition(String value) {
        MimeParams.Parsed parsed = MimeParams.parse(value);
        String v = parsed.value();
        int end = 0;
        while (end < v.length() && MimeParams.isTokenChar(v.charAt(end))) {
            end++;
        }
        return new Disposition(v.substring(0, end), parsed.params());
    }

    private static List<String> languages(String value) {
        List<String> out = new ArrayList<>();
        for (String piece : stripComments(value).split(",", -1)) {
            String tag = piece.trim();
            if (tag.isEmpty() || !isAtom(tag)) {
                break;
            }
            out.add(tag);
        }
        return out;
    }

    private static String singleToken(String value) {
        String v = stripComments(value).trim();
        return isToken(v) ? v : null;
    }

    static String stripComments(String value) {
        if (value.indexOf('(') < 0) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && (quoted || depth > 0) && i + 1 < value.length()) {
                if (depth == 0) {
                    sb.append(c).append(value.charAt(i + 1));
                }
                i++;
            } else if (c == '"' && depth == 0) {
                quoted = !quoted;
                sb.append(c);
            } else if (c == '(' && !quoted) {
                depth++;
            } else if (c == ')' && !quoted && depth > 0) {
                depth--;
            } else if (depth == 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** RFC 2045 §5.1 token: printable ASCII except SPACE and tspecials. */
    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?=".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAtom(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == 127 || "()<>@,;:\\\".[]".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
