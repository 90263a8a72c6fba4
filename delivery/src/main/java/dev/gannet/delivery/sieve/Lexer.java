package dev.gannet.delivery.sieve;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into tokens (RFC 5228 §8.1): identifiers, tags, numbers with K/M/G quantifiers, quoted
 * strings with {@code \\} and {@code \"} escapes, {@code text:} multi-line strings with dot-unstuffing,
 * hash and bracket comments. Line numbers count LF; CRLF and bare LF are both accepted.
 */
final class Lexer {

    private final String src;
    private int pos;
    private int line = 1;

    private Lexer(String src) {
        this.src = src;
    }

    static List<Token> tokens(String src) throws SieveSyntaxException {
        Lexer lx = new Lexer(src);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = lx.next();
            out.add(t);
        } while (t.type() != Token.Type.EOF);
        return out;
    }

    private Token next() throws SieveSyntaxException {
        skipSpaceAndComments();
        if (pos >= src.length()) {
            return new Token(Token.Type.EOF, "", 0, line);
        }
        char c = src.charAt(pos);
        int at = line;
        switch (c) {
            case '[': pos++; return new Token(Token.Type.LBRACKET, "[", 0, at);
            case ']': pos++; return new Token(Token.Type.RBRACKET, "]", 0, at);
            case '(': pos++; return new Token(Token.Type.LPAREN, "(", 0, at);
            case ')': pos++; return new Token(Token.Type.RPAREN, ")", 0, at);
            case '{': pos++; return new Token(Token.Type.LBRACE, "{", 0, at);
            case '}': pos++; return new Token(Token.Type.RBRACE, "}", 0, at);
            case ',': pos++; return new Token(Token.Type.COMMA, ",", 0, at);
            case ';': pos++; return new Token(Token.Type.SEMICOLON, ";", 0, at);
            case '"': return quoted();
            case ':':
                pos++;
                String tag = identifier();
                if (tag.isEmpty()) {
                    throw new SieveSyntaxException(at, "':' must be followed by a tag name");
                }
                return new Token(Token.Type.TAG, tag.toLowerCase(), 0, at);
            default:
                break;
        }
        if (c >= '0' && c <= '9') {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            String id = identifier();
            if (id.equalsIgnoreCase("text") && pos < src.length() && src.charAt(pos) == ':') {
                pos++;
                return multiline(at);
            }
            return new Token(Token.Type.IDENTIFIER, id.toLowerCase(), 0, at);
        }
        throw new SieveSyntaxException(at, "unexpected character '" + printable(c) + "'");
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c);
    }

    private void skipSpaceAndComments() throws SieveSyntaxException {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '/' && pos + 1 < src.length() && src.charAt(pos + 1) == '*') {
                int start = line;
                int end = src.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw new SieveSyntaxException(start, "unterminated /* comment");
                }
                countLines(pos, end);
                pos = end + 2;
            } else {
                return;
            }
        }
    }

    private void countLines(int from, int to) {
        for (int i = from; i < to; i++) {
            if (src.charAt(i) == '\n') {
                line++;
            }
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (pos > start && c >= '0' && c <= '9')) {
                pos++;
            } else {
                break;
            }
        }
        return src.substring(start, pos);
    }

    private Token number() throws SieveSyntaxException {
        int at = line;
        int start = pos;
        while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
            pos++;
        }
        String digits = src.substring(start, pos);
        if (digits.length() > 12) {
            throw new SieveSyntaxException(at, "number too large");
        }
        long n = Long.parseLong(digits);
        if (pos < src.length()) {
            char q = Character.toUpperCase(src.charAt(pos));
            int shift = q == 'K' ? 10 : q == 'M' ? 20 : q == 'G' ? 30 : 0;
            if (shift > 0) {
                pos++;
                n <<= shift;
            }
        }
        return new Token(Token.Type.NUMBER, digits, n, at);
    }

    private Token quoted() throws SieveSyntaxException {
        int at = line;
        pos++;
        StringBuilder b = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            if (c == '"') {
                return new Token(Token.Type.STRING, b.toString(), 0, at);
            }
            if (c == '\\' && pos < src.length()) {
                c = src.charAt(pos++);
            }
            if (c == '\n') {
                line++;
            }
            b.append(c);
        }
        throw new SieveSyntaxException(at, "unterminated string");
    }

    /** {@code text:} up to a line holding only "."; a leading ".." loses one dot (RFC 5228 §2.4.2). */
    private Token multiline(int at) throws SieveSyntaxException {
        // the rest of the "text:" line may hold spaces and a hash comment only
        while (pos < src.length() && (src.charAt(pos) == ' ' || src.charAt(pos) == '\t')) {
            pos++;
        }
        if (pos < src.length() && src.charAt(pos) == '#') {
            while (pos < src.length() && src.charAt(pos) != '\n') {
                pos++;
            }
        }
        if (pos < src.length() && src.charAt(pos) == '\r') {
            pos++;
        }
        if (pos >= src.length() || src.charAt(pos) != '\n') {
            throw new SieveSyntaxException(at, "text: must be followed by a line break");
        }
        pos++;
        line++;
        StringBuilder b = new StringBuilder();
        while (pos < src.length()) {
            int eol = src.indexOf('\n', pos);
            if (eol < 0) {
                break;
            }
            String l = src.substring(pos, eol);
            if (l.endsWith("\r")) {
                l = l.substring(0, l.length() - 1);
            }
            pos = eol + 1;
            line++;
            if (l.equals(".")) {
                return new Token(Token.Type.STRING, b.toString(), 0, at);
            }
            b.append(l.startsWith("..") ? l.substring(1) : l).append("\r\n");
        }
        throw new SieveSyntaxException(at, "text: string is not ended by a line with a single '.'");
    }
}
