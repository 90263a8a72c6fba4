package dev.gannet.core.mime;

import java.util.Locale;

/**
 * HTML reduced to its text for a PREVIEW (RFC 8970 §3.1): tags, comments, scripts and styles dropped, common
 * entities decoded, block elements as line breaks. Tolerant of any input. (BODY/TEXT search reads HTML as its
 * source instead, as Dovecot does; see BodyText.)
 */
final class HtmlText {

    private HtmlText() {
    }

    static String toText(String html) {
        StringBuilder out = new StringBuilder(html.length());
        HtmlState state = new HtmlState();
        for (int i = 0; i < html.length(); i++) {
            state.accept(html.charAt(i), out);
        }
        return out.toString();
    }

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
