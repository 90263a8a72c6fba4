package dev.gannet.core.testing.imap;

import java.nio.charset.StandardCharsets;

/**
 * The terminals of RFC 3501 §9 over the bytes of one response: SP, CRLF, atom, number, quoted, literal,
 * string, nstring, astring, text. Every method either consumes exactly its production or throws; nothing
 * is skipped or repaired, so a byte out of place is always reported where it is.
 */
final class Cursor {

    private static final long MAX_NUMBER = 0xFFFF_FFFFL; // number: unsigned 32-bit
    private final byte[] b;
    private final boolean utf8;
    private int pos;

    /** @param utf8 whether UTF-8 is allowed in quoted strings (RFC 6855, after ENABLE UTF8=ACCEPT) */
    Cursor(byte[] bytes, boolean utf8) {
        this.b = bytes;
        this.utf8 = utf8;
    }

    ImapGrammarException error(String expected) {
        return new ImapGrammarException(expected, b, pos);
    }

    int pos() {
        return pos;
    }

    byte[] bytes() {
        return b;
    }

    boolean atEnd() {
        return pos >= b.length;
    }

    int peek() {
        return pos < b.length ? b[pos] & 0xff : -1;
    }

    boolean peekIs(char c) {
        return peek() == c;
    }

    /** Consumes {@code c} if it is next. */
    boolean take(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(char c) throws ImapGrammarException {
        if (!take(c)) {
            throw error("'" + c + "'");
        }
    }

    void sp() throws ImapGrammarException {
        expect(' ');
    }

    void crlf() throws ImapGrammarException {
        if (peek() == '\n') {
            throw error("CRLF (found a bare LF)");
        }
        expect('\r');
        if (peek() != '\n') {
            throw error("LF after CR");
        }
        pos++;
    }

    /** Consumes {@code word} (case-insensitive, as ABNF literals are) if it is next and ends there. */
    boolean takeWord(String word) {
        int end = pos + word.length();
        if (end > b.length || !ImapGrammarException.ascii(b, pos, end).equalsIgnoreCase(word)) {
            return false;
        }
        if (end < b.length && isAtomChar(b[end] & 0xff) && word.chars().allMatch(Cursor::isAtomChar)) {
            return false; // "FLAGSX" is not "FLAGS"
        }
        pos = end;
        return true;
    }

    /** Consumes {@code prefix} (case-insensitive) if it is next, whatever follows it. */
    boolean takePrefix(String prefix) {
        int end = pos + prefix.length();
        if (end > b.length || !ImapGrammarException.ascii(b, pos, end).equalsIgnoreCase(prefix)) {
            return false;
        }
        pos = end;
        return true;
    }

    /** Steps back one byte (after {@link #takePrefix} took a delimiter that the next production wants). */
    void back() {
        pos--;
    }

    void expectWord(String word) throws ImapGrammarException {
        if (!takeWord(word)) {
            throw error(word);
        }
    }

    static boolean isAtomChar(int c) {
        return c > 0x20 && c < 0x7f && "(){%*\"\\]".indexOf(c) < 0;
    }

    static boolean isAstringChar(int c) {
        return isAtomChar(c) || c == ']';
    }

    String atom() throws ImapGrammarException {
        int start = pos;
        while (isAtomChar(peek())) {
            pos++;
        }
        if (pos == start) {
            throw error("atom");
        }
        return ImapGrammarException.ascii(b, start, pos);
    }

    /** {@code number}: 1*DIGIT, unsigned 32-bit. */
    long number() throws ImapGrammarException {
        return digits(MAX_NUMBER, "number");
    }

    /** {@code nz-number}: digit-nz *DIGIT, unsigned 32-bit. */
    long nzNumber() throws ImapGrammarException {
        if (peek() == '0') {
            throw error("nz-number (non-zero, no leading zero)");
        }
        return digits(MAX_NUMBER, "nz-number");
    }

    /** {@code number64} (RFC 9208): 1*DIGIT up to 2^63-1. */
    long number64() throws ImapGrammarException {
        return digits(Long.MAX_VALUE, "number64");
    }

    /** {@code mod-sequence-value} (RFC 7162): 1*DIGIT, 1 to 2^63-1. */
    long modSequenceValue() throws ImapGrammarException {
        int at = pos;
        long v = digits(Long.MAX_VALUE, "mod-sequence-value");
        if (v == 0) {
            pos = at;
            throw error("mod-sequence-value (non-zero)");
        }
        return v;
    }

    private long digits(long max, String what) throws ImapGrammarException {
        int start = pos;
        long v = 0;
        while (peek() >= '0' && peek() <= '9') {
            v = v * 10 + (b[pos] - '0');
            pos++;
            if (v > max || pos - start > 19) {
                pos = start;
                throw error(what + " (too large)");
            }
        }
        if (pos == start) {
            throw error(what);
        }
        return v;
    }

    /** {@code quoted}: DQUOTE *QUOTED-CHAR DQUOTE; 8-bit only as valid UTF-8 and only in UTF-8 mode. */
    byte[] quoted() throws ImapGrammarException {
        expect('"');
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (true) {
            int c = peek();
            if (c == '"') {
                pos++;
                return out.toByteArray();
            }
            if (c == '\\') {
                pos++;
                if (peek() != '"' && peek() != '\\') {
                    throw error("quoted-special after '\\'");
                }
                out.write(b[pos++]);
            } else if (c == -1 || c == '\r' || c == '\n' || c == 0) {
                throw error("QUOTED-CHAR or closing DQUOTE");
            } else if (c >= 0x80) {
                int n = utf8Length();
                out.write(b, pos, n);
                pos += n;
            } else {
                out.write(c);
                pos++;
            }
        }
    }

    private int utf8Length() throws ImapGrammarException {
        if (!utf8) {
            throw error("7-bit QUOTED-CHAR (8-bit bytes are allowed only in literals)");
        }
        int c = peek();
        int n = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
        if (n == 0 || pos + n > b.length) {
            throw error("UTF-8 sequence");
        }
        for (int i = 1; i < n; i++) {
            if ((b[pos + i] & 0xc0) != 0x80) {
                throw error("UTF-8 continuation byte");
            }
        }
        return n;
    }

    /** {@code literal}: "{" number "}" CRLF *CHAR8, with exactly that many bytes following. */
    byte[] literal() throws ImapGrammarException {
        expect('{');
        long n = number();
        expect('}');
        crlf();
        if (pos + n > b.length) {
            throw error("a literal of " + n + " bytes (only " + (b.length - pos) + " follow)");
        }
        byte[] data = java.util.Arrays.copyOfRange(b, pos, pos + (int) n);
        for (int i = 0; i < data.length; i++) {
            if (data[i] == 0) {
                pos += i;
                throw error("CHAR8 (NUL is not allowed in a literal)");
            }
        }
        pos += (int) n;
        return data;
    }

    byte[] string() throws ImapGrammarException {
        if (peekIs('"')) {
            return quoted();
        }
        if (peekIs('{')) {
            return literal();
        }
        throw error("string (quoted or literal)");
    }

    /** RFC 8474 §7 {@code "(" objectid ")"}, objectid = 1*255(ALPHA / DIGIT / "_" / "-"). */
    String parenObjectId() throws ImapGrammarException {
        expect('(');
        int at = pos();
        String id = atom();
        if (id.length() > 255 || !id.chars().allMatch(ch -> Character.isLetterOrDigit(ch) && ch < 0x80 || ch == '_' || ch == '-')) {
            throw new ImapGrammarException("objectid", bytes(), at);
        }
        expect(')');
        return id;
    }

    /** {@code nstring}: string / NIL; null for NIL. */
    byte[] nstring() throws ImapGrammarException {
        if (takeWord("NIL")) {
            return null;
        }
        return string();
    }

    String stringText() throws ImapGrammarException {
        return new String(string(), StandardCharsets.UTF_8);
    }

    /** {@code astring}: 1*ASTRING-CHAR / string. */
    String astring() throws ImapGrammarException {
        if (peekIs('"') || peekIs('{')) {
            return stringText();
        }
        int start = pos;
        while (isAstringChar(peek())) {
            pos++;
        }
        if (pos == start) {
            throw error("astring");
        }
        return ImapGrammarException.ascii(b, start, pos);
    }

    /** {@code text}: 1*TEXT-CHAR (7-bit, no CR or LF), up to the CRLF. */
    String text() throws ImapGrammarException {
        int start = pos;
        while (peek() > 0 && peek() < 0x80 && peek() != '\r' && peek() != '\n') {
            pos++;
        }
        if (peek() >= 0x80) {
            throw error("TEXT-CHAR (7-bit)");
        }
        if (pos == start) {
            throw error("text (1*TEXT-CHAR)");
        }
        return ImapGrammarException.ascii(b, start, pos);
    }

    /** Characters up to {@code stop} that are TEXT-CHARs; for the generic resp-text-code argument. */
    String textUntil(char stop) throws ImapGrammarException {
        int start = pos;
        while (peek() > 0 && peek() < 0x80 && peek() != '\r' && peek() != '\n' && peek() != stop) {
            pos++;
        }
        if (pos == start) {
            throw error("1*<TEXT-CHAR except \"" + stop + "\">");
        }
        return ImapGrammarException.ascii(b, start, pos);
    }

    /** The bytes consumed since {@code start}, as ISO-8859-1 text (for keeping a value's source). */
    String since(int start) {
        return ImapGrammarException.ascii(b, start, pos);
    }
}
