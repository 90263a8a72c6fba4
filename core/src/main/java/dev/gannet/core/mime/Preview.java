package dev.gannet.core.mime;

/**
 * The PREVIEW text of a message (RFC 8970 §3.1): a plain-text rendering of its first text part, at most
 * {@value #MAX} characters, with no line breaks. Quoted lines of a reply ({@code >} first) are left out, since a
 * preview is meant to show what is new in the message, and every run of whitespace becomes one space, as
 * Dovecot's snippets do. The input is the decoded text ingest already extracts (HTML reduced to text).
 */
public final class Preview {

    /** RFC 8970 §3.1: the preview MUST NOT be longer than 256 characters. */
    public static final int MAX = 256;

    private Preview() {
    }

    public static String of(String text) {
        StringBuilder out = new StringBuilder();
        int chars = 0;
        boolean space = false;
        for (String line : text.split("\r\n|\r|\n", -1)) {
            if (line.stripLeading().startsWith(">")) {
                continue;
            }
            space |= out.length() > 0;
            for (int i = 0; i < line.length(); ) {
                int cp = line.codePointAt(i);
                i += Character.charCount(cp);
                if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)) {
                    space |= out.length() > 0;
                    continue;
                }
                if (chars + (space ? 2 : 1) > MAX) {
                    return out.toString();
                }
                if (space) {
                    out.append(' ');
                    chars++;
                    space = false;
                }
                out.appendCodePoint(cp);
                chars++;
            }
        }
        return out.toString();
    }
}
