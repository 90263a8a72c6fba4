package dev.gannet.imap.protocol;

import dev.gannet.imap.codec.Fragment;
import dev.gannet.imap.codec.RawCommand;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the arguments of one command (RFC 3501 §9 formal syntax) from the decoder's fragments: atoms,
 * numbers, quoted strings and literals, astrings, nstrings, flag lists and sequence sets. A literal is
 * seen where the line text before it ends. Every mismatch throws {@link ImapParseException}, which the
 * session answers with BAD.
 */
public final class ArgReader {

    private static final String ATOM_SPECIALS = "(){ %*\"\\]";

    private final List<Fragment> fragments;
    private int index;
    private String text;
    private int pos;

    public ArgReader(RawCommand command) {
        this.fragments = command.fragments();
        this.index = 0;
        this.text = fragments.isEmpty() || !(fragments.get(0) instanceof Fragment.Text t) ? "" : t.text();
    }

    private boolean textLeft() {
        return pos < text.length();
    }

    private boolean literalNext() {
        return !textLeft() && index + 1 < fragments.size() && !(fragments.get(index + 1) instanceof Fragment.Text);
    }

    /** The next character, {@code '{'} when a literal follows, or 0 at the end of the command. */
    public char peek() {
        if (textLeft()) {
            return text.charAt(pos);
        }
        return literalNext() ? '{' : 0;
    }

    public boolean atEnd() {
        return !textLeft() && index + 1 >= fragments.size();
    }

    public void end() {
        if (!atEnd()) {
            throw new ImapParseException("Unexpected arguments");
        }
    }

    public void expect(char c) {
        if (!textLeft() || text.charAt(pos) != c) {
            throw new ImapParseException(c == ' ' ? "Missing argument" : "Expected '" + c + "'");
        }
        pos++;
    }

    public boolean tryChar(char c) {
        if (textLeft() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    public void sp() {
        expect(' ');
    }

    /** The tag: 1*ASTRING-CHAR except {@code +}. */
    public String tag() {
        int start = pos;
        while (textLeft()) {
            char c = text.charAt(pos);
            if (c <= 0x20 || c >= 0x7f || c == '+' || (ATOM_SPECIALS.indexOf(c) >= 0 && c != ']')) {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw new ImapParseException("Missing tag");
        }
        return text.substring(start, pos);
    }

    /** The longest run of characters that satisfy {@code allowed} (possibly empty). */
    public String readWhile(java.util.function.IntPredicate allowed) {
        int start = pos;
        while (textLeft() && allowed.test(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    /** 1*ATOM-CHAR. */
    public String atom() {
        return chars("", "Expected an atom");
    }

    /** ATOM-CHARs plus the characters in {@code extra} (e.g. {@code "]"} for astrings, {@code "%*]"} for list patterns). */
    private String chars(String extra, String error) {
        int start = pos;
        while (textLeft()) {
            char c = text.charAt(pos);
            boolean special = c <= 0x20 || c == 0x7f || ATOM_SPECIALS.indexOf(c) >= 0;
            if (special && extra.indexOf(c) < 0) {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw new ImapParseException(error);
        }
        return text.substring(start, pos);
    }

    /** An atom that may contain {@code [}, {@code ]}, {@code <}, {@code .} — a FETCH att name such as {@code BODY.PEEK[1.MIME]<0.10>} is read by its own parser. */
    public String astring() {
        char c = peek();
        if (c == '"' || c == '{') {
            return string();
        }
        return chars("]", "Expected a string");
    }

    /** A quoted string or a literal (in memory) as text. */
    public String string() {
        if (literalNext()) {
            Fragment f = takeLiteral();
            if (f instanceof Fragment.Bytes b) {
                return b.utf8();
            }
            throw new ImapParseException("Literal too long");
        }
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (!textLeft()) {
                throw new ImapParseException("Unterminated quoted string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                if (!textLeft() || (text.charAt(pos) != '"' && text.charAt(pos) != '\\')) {
                    throw new ImapParseException("Bad escape in quoted string");
                }
                c = text.charAt(pos++);
            }
            sb.append(c);
        }
    }

    /** NIL or a string; null for NIL. */
    public String nstring() {
        if (textLeft() && text.regionMatches(true, pos, "NIL", 0, 3)
                && (pos + 3 == text.length() || " )".indexOf(text.charAt(pos + 3)) >= 0)) {
            pos += 3;
            return null;
        }
        return string();
    }

    /** The literal that follows (APPEND's message), in memory or spooled. */
    public Fragment literal() {
        if (!literalNext()) {
            throw new ImapParseException("Expected a literal");
        }
        return takeLiteral();
    }

    private Fragment takeLiteral() {
        Fragment f = fragments.get(index + 1);
        index += 2;
        text = index < fragments.size() && fragments.get(index) instanceof Fragment.Text t ? t.text() : "";
        pos = 0;
        return f;
    }

    public long number() {
        int start = pos;
        while (textLeft() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == start || pos - start > 19) {
            throw new ImapParseException("Expected a number");
        }
        return Long.parseLong(text.substring(start, pos));
    }

    public long nzNumber() {
        long n = number();
        if (n == 0) {
            throw new ImapParseException("Expected a non-zero number");
        }
        return n;
    }

    /** A sequence set, or {@code $} for the saved search result (RFC 5182 §3). */
    public SequenceSet sequenceSet() {
        if (tryChar('$')) {
            return SequenceSet.SAVED;
        }
        int start = pos;
        while (textLeft() && "0123456789:*,".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        if (pos == start) {
            throw new ImapParseException("Expected a sequence set");
        }
        return SequenceSet.parse(text.substring(start, pos));
    }

    /** {@code "(" [flag *(SP flag)] ")"}; a flag is an atom, optionally preceded by a backslash. */
    public List<String> flagList() {
        expect('(');
        List<String> flags = new ArrayList<>();
        if (tryChar(')')) {
            return flags;
        }
        do {
            flags.add(flag());
        } while (tryChar(' '));
        expect(')');
        return flags;
    }

    public String flag() {
        boolean system = tryChar('\\');
        return system ? "\\" + atom() : atom();
    }

    /** {@code list-mailbox}: 1*list-char (atom characters plus {@code % * ]}) or a string. */
    public String listMailbox() {
        char c = peek();
        if (c == '"' || c == '{') {
            return string();
        }
        return chars("%*]", "Expected a mailbox pattern");
    }
}
