package dev.gannet.core.mime;

/**
 * Extracts the base subject of RFC 5256 §2.1 from an already RFC 2047-decoded subject: white space
 * runs become one space, then trailing "(fwd)", leading "Re:"/"Fw:"/"Fwd:" leaders with optional
 * "[blob]"s, leading blobs that are not the whole subject and a "[fwd: ...]" wrapper are removed
 * until nothing changes. It also reports whether any reply/forward marker was removed (§2.1 and
 * the REFERENCES algorithm of §4 use that).
 */
final class BaseSubject {

    record Result(String base, boolean replyOrForward) {
    }

    private BaseSubject() {
    }

    static Result extract(String subject) {
        if (subject == null) {
            return new Result("", false);
        }
        String s = collapseWhitespace(subject);
        boolean marker = false;
        while (true) {
            String before;
            do {
                before = s;
                // Step 2: trailing "(fwd)" and white space.
                while (true) {
                    String t = s.stripTrailing();
                    if (t.length() >= 5 && t.regionMatches(true, t.length() - 5, "(fwd)", 0, 5)) {
                        s = t.substring(0, t.length() - 5);
                        marker = true;
                    } else {
                        s = t;
                        break;
                    }
                }
                // Steps 3 and 4: leaders and leading blobs.
                String inner;
                do {
                    inner = s;
                    int leader = leaderLength(s);
                    if (leader > 0) {
                        marker |= !s.substring(0, leader).isBlank();
                        s = s.substring(leader);
                        continue;
                    }
                    int blob = blobLength(s, 0);
                    if (blob > 0 && blob < s.length()) {
                        s = s.substring(blob);
                    }
                } while (!s.equals(inner));
            } while (!s.equals(before));
            // Step 6: "[fwd:" ... "]" wrapper.
            if (s.length() >= 6 && s.regionMatches(true, 0, "[fwd:", 0, 5) && s.endsWith("]")) {
                s = s.substring(5, s.length() - 1);
                marker = true;
                continue;
            }
            return new Result(s, marker);
        }
    }

    private static String collapseWhitespace(String in) {
        StringBuilder sb = new StringBuilder(in.length());
        boolean space = false;
        for (int i = 0; i < in.length(); i++) {
            char c = in.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                space = true;
            } else {
                if (space && sb.length() > 0) {
                    sb.append(' ');
                }
                space = false;
                sb.append(c);
            }
        }
        if (space && sb.length() > 0) {
            sb.append(' ');
        }
        return sb.toString();
    }

    /** subj-leader = (*subj-blob subj-refwd) / WSP; returns its length at the start of s, or 0. */
    private static int leaderLength(String s) {
        if (!s.isEmpty() && s.charAt(0) == ' ') {
            return 1;
        }
        int i = 0;
        while (true) {
            int blob = blobLength(s, i);
            if (blob == 0) {
                break;
            }
            i += blob;
        }
        int refwd = refwdLength(s, i);
        return refwd == 0 ? 0 : i + refwd;
    }

    /** subj-refwd = ("re" / ("fw" ["d"])) *WSP [subj-blob] ":" */
    private static int refwdLength(String s, int at) {
        int i;
        if (s.regionMatches(true, at, "re", 0, 2)) {
            i = at + 2;
        } else if (s.regionMatches(true, at, "fwd", 0, 3)) {
            i = at + 3;
        } else if (s.regionMatches(true, at, "fw", 0, 2)) {
            i = at + 2;
        } else {
            return 0;
        }
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        i += blobLength(s, i);
        if (i < s.length() && s.charAt(i) == ':') {
            return i + 1 - at;
        }
        return 0;
    }

    /** subj-blob = "[" *BLOBCHAR "]" *WSP; returns its length at {@code at}, or 0. */
    private static int blobLength(String s, int at) {
        if (at >= s.length() || s.charAt(at) != '[') {
            return 0;
        }
        int i = at + 1;
        while (i < s.length() && s.charAt(i) != ']' && s.charAt(i) != '[') {
            i++;
        }
        if (i >= s.length() || s.charAt(i) != ']') {
            return 0;
        }
        i++;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i - at;
    }
}
