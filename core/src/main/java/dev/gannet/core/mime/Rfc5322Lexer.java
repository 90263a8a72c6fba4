package dev.gannet.core.mime;

/**
 * The lexical layer of RFC 5322 §3.2 that address parsing stands on: white space and (nested)
 * comments, quoted strings with their escapes, atoms, dot-atoms and phrases. Lenient everywhere:
 * unterminated quotes and comments end at the end of the input. Remembers the text of the last
 * comment, which Dovecot uses as the display name of a bare addr-spec.
 */
abstract class Rfc5322Lexer {

    final String s;
    int p;
    String lastComment;

    Rfc5322Lexer(String s) {
        this.s = s;
    }

    final String dotAtom() {
        StringBuilder sb = new StringBuilder();
        while (!atEnd() && (isAtext(peek()) || peek() == '.')) {
            sb.append(s.charAt(p++));
        }
        skipCfws();
        return sb.toString();
    }

    /** Words (atoms, quoted strings, dots) joined with one space where white space separated them. */
    final String phrase() {
        StringBuilder sb = new StringBuilder();
        skipCfws();
        boolean spaced = false;
        while (!atEnd()) {
            char c = peek();
            String word;
            if (c == '"') {
                word = quotedString();
            } else if (isAtext(c) || c == '.') {
                int start = p;
                while (!atEnd() && (isAtext(peek()) || peek() == '.')) {
                    p++;
                }
                word = s.substring(start, p);
            } else {
                break;
            }
            if (spaced && sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(word);
            spaced = skipCfws();
        }
        return sb.toString();
    }

    final String quotedString() {
        StringBuilder sb = new StringBuilder();
        p++;
        while (!atEnd()) {
            char c = s.charAt(p++);
            if (c == '"') {
                break;
            }
            if (c == '\\' && !atEnd()) {
                c = s.charAt(p++);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Skips white space and comments; true if anything was skipped. Remembers the last comment. */
    final boolean skipCfws() {
        int start = p;
        while (!atEnd()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                p++;
            } else if (c == '(') {
                lastComment = comment();
            } else {
                break;
            }
        }
        return p > start;
    }

    private String comment() {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        while (!atEnd()) {
            char c = s.charAt(p++);
            if (c == '\\' && !atEnd()) {
                sb.append(s.charAt(p++));
                continue;
            }
            if (c == '(') {
                if (depth++ > 0) {
                    sb.append(c);
                }
            } else if (c == ')') {
                if (--depth == 0) {
                    break;
                }
                sb.append(c);
            } else {
                sb.append(c);
            }
        }
        return sb.toString().trim();
    }

    final void skipPast(char stop, int before) {
        while (!atEnd() && peek() != stop) {
            p++;
        }
        if (!atEnd()) {
            p++;
        }
        if (p == before) {
            p++;
        }
    }

    static boolean isAtext(char c) {
        return c >= 0x80 || Character.isLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }

    final boolean atEnd() {
        return p >= s.length();
    }

    final char peek() {
        return s.charAt(p);
    }
}
