package dev.gannet.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Collects the plain text that BODY and TEXT search (RFC 3501 §6.4.4) look in: decoded text parts
 * in their charset (RFC 2046 §4.1.2; unknown, missing or US-ASCII labels read as UTF-8 falling back
 * to ISO-8859-1), text/html reduced to its text (tags, comments, scripts and styles dropped, common
 * entities decoded), parts separated by a newline, capped at a number of characters.
 */
final class BodyText {

    private final StringBuilder text = new StringBuilder();
    private final int max;
    private boolean truncated;
    private int firstPartEnd = -1;

    BodyText(int max) {
        this.max = max;
    }

    boolean full() {
        return text.length() >= max;
    }

    boolean truncated() {
        return truncated;
    }

    String text() {
        return text.toString();
    }

    /** The text of the first part appended (what a PREVIEW shows, RFC 8970 §3.1). */
    String firstPart() {
        return firstPartEnd < 0 ? text.toString() : text.substring(0, firstPartEnd);
    }

    /** Appends a decoded part; reads no further than the cap needs (the caller drains the rest). */
    void append(InputStream decoded, String charset, boolean html) throws IOException {
        try {
            appendPart(decoded, charset, html);
        } finally {
            if (firstPartEnd < 0) {
                firstPartEnd = text.length();
            }
        }
    }

    private void appendPart(InputStream decoded, String charset, boolean html) throws IOException {
        if (full()) {
            truncated |= decoded.read() >= 0;
            return;
        }
        if (text.length() > 0) {
            text.append('\n');
        }
        Reader reader = reader(decoded, charset);
        HtmlState state = html ? new HtmlState() : null;
        char[] chunk = new char[4096];
        int n;
        while ((n = reader.read(chunk, 0, chunk.length)) > 0) {
            for (int i = 0; i < n; i++) {
                if (text.length() >= max) {
                    truncated = true;
                    return;
                }
                if (state == null) {
                    text.append(chunk[i]);
                } else {
                    state.accept(chunk[i], text);
                }
            }
        }
    }

    private static Reader reader(InputStream in, String charsetName) {
        Charset cs = TextDecoding.lookup(charsetName);
        if (cs == null || cs.equals(StandardCharsets.US_ASCII) || cs.equals(StandardCharsets.UTF_8)) {
            return new LenientUtf8Reader(in);
        }
        return new InputStreamReader(in, cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    /** A small streaming HTML-to-text state machine; tolerant of any input. */
    private static final class HtmlState {
        private final StringBuilder token = new StringBuilder();
        private int mode; // 0 text, 1 tag, 2 entity, 3 comment, 4 raw text (script/style)
        private String rawEnd;
        private boolean lastSpace = true;

        void accept(char c, StringBuilder out) {
            switch (mode) {
                case 0 -> text(c, out);
                case 1 -> tag(c, out);
                case 2 -> entity(c, out);
                case 3 -> skipUntil(c, "-->");
                default -> skipUntil(c, rawEnd);
            }
        }

        private void text(char c, StringBuilder out) {
            if (c == '<') {
                mode = 1;
                token.setLength(0);
            } else if (c == '&') {
                mode = 2;
                token.setLength(0);
            } else {
                emit(c, out);
            }
        }

        private void tag(char c, StringBuilder out) {
            if (c != '>') {
                if (token.length() < 32) {
                    token.append(c);
                }
                if (token.length() == 3 && token.toString().equals("!--")) {
                    mode = 3;
                    token.setLength(0);
                }
                return;
            }
            mode = 0;
            String name = tagName(token);
            if (name.equals("script") || name.equals("style")) {
                mode = 4;
                rawEnd = "</" + name;
                token.setLength(0);
            } else if (name.matches("/?(p|br|div|tr|li|h[1-6]|table|blockquote|pre|hr|title)")) {
                emit('\n', out);
            }
        }

        private void entity(char c, StringBuilder out) {
            if (c == ';' || token.length() > 10 || !(Character.isLetterOrDigit(c) || c == '#')) {
                mode = 0;
                String decoded = decodeEntity(token.toString());
                if (decoded == null) {
                    out.append('&').append(token);
                    if (c != ';') {
                        text(c, out);
                    } else {
                        out.append(';');
                    }
                } else {
                    decoded.chars().forEach(ch -> emit((char) ch, out));
                    if (c != ';') {
                        text(c, out);
                    }
                }
                return;
            }
            token.append(c);
        }

        private void skipUntil(char c, String end) {
            token.append(Character.toLowerCase(c));
            if (token.length() > end.length()) {
                token.deleteCharAt(0);
            }
            if (token.toString().equals(end)) {
                token.setLength(0);
                if (end.equals("-->")) {
                    mode = 0;
                } else {
                    mode = 1;
                    token.append("/end");
                }
            }
        }

        private void emit(char c, StringBuilder out) {
            boolean space = Character.isWhitespace(c) || c == '\u00a0';
            if (c == '\n') {
                out.append('\n');
                lastSpace = true;
            } else if (space) {
                if (!lastSpace) {
                    out.append(' ');
                }
                lastSpace = true;
            } else {
                out.append(c);
                lastSpace = false;
            }
        }

        private static String tagName(CharSequence tag) {
            int i = 0;
            StringBuilder name = new StringBuilder();
            if (i < tag.length() && tag.charAt(i) == '/') {
                name.append('/');
                i++;
            }
            while (i < tag.length() && Character.isLetterOrDigit(tag.charAt(i))) {
                name.append(Character.toLowerCase(tag.charAt(i++)));
            }
            return name.toString();
        }

        private static String decodeEntity(String e) {
            if (e.startsWith("#")) {
                try {
                    int cp = e.length() > 1 && (e.charAt(1) == 'x' || e.charAt(1) == 'X')
                            ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1));
                    return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : null;
                } catch (NumberFormatException ex) {
                    return null;
                }
            }
            return switch (e.toLowerCase(Locale.ROOT)) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                default -> null;
            };
        }
    }
}
