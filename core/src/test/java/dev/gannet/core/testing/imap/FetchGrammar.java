package dev.gannet.core.testing.imap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 3501 §9 {@code msg-att} (with RFC 7162 §3.1.4 {@code MODSEQ}, RFC 8474 EMAILID/THREADID, RFC 8514
 * SAVEDATE, RFC 8970 PREVIEW): at least one attribute, each with the
 * value its grammar requires, so {@code ENVELOPE NIL}, {@code BODY NIL} or {@code FETCH ()} never pass.
 * Also the flag, date-time and section productions the rest of the grammar shares.
 */
final class FetchGrammar {

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
            "SEP", "OCT", "NOV", "DEC");
    private final Cursor c;

    FetchGrammar(Cursor c) {
        this.c = c;
    }

    ImapResponse.FetchItems msgAtt() throws ImapGrammarException {
        c.expect('(');
        Long uid = null;
        Long size = null;
        Long modseq = null;
        List<String> flags = null;
        String date = null;
        String envelope = null;
        String body = null;
        String structure = null;
        Map<String, byte[]> sections = new LinkedHashMap<>();
        do {
            int start = c.pos();
            if (c.takeWord("FLAGS")) {
                c.sp();
                flags = flagList(true, false);
            } else if (c.takeWord("UID")) {
                c.sp();
                uid = c.nzNumber();
            } else if (c.takeWord("RFC822.SIZE")) {
                c.sp();
                size = c.number();
            } else if (c.takeWord("MODSEQ")) {
                c.sp();
                c.expect('(');
                modseq = c.modSequenceValue();
                c.expect(')');
            } else if (c.takeWord("INTERNALDATE")) {
                c.sp();
                date = dateTime();
            } else if (c.takeWord("ENVELOPE")) {
                c.sp();
                int at = c.pos();
                new BodyGrammar(c).envelope();
                envelope = c.since(at);
            } else if (c.takeWord("BODYSTRUCTURE")) {
                c.sp();
                int at = c.pos();
                new BodyGrammar(c).body(true);
                structure = c.since(at);
            } else if (c.takeWord("RFC822") || c.takeWord("RFC822.HEADER") || c.takeWord("RFC822.TEXT")) {
                String name = c.since(start).toUpperCase(Locale.ROOT);
                c.sp();
                sections.put(name, c.nstring());
            } else if (c.takePrefix("BODY[")) {
                c.back();
                section();
                if (c.take('<')) {
                    c.number();
                    c.expect('>');
                }
                String name = c.since(start).toUpperCase(Locale.ROOT);
                c.sp();
                sections.put(name, c.nstring());
            } else if (c.takeWord("EMAILID")) { // RFC 8474 §7
                c.sp();
                c.parenObjectId();
            } else if (c.takeWord("THREADID")) {
                c.sp();
                if (!c.takeWord("NIL")) {
                    c.parenObjectId();
                }
            } else if (c.takeWord("SAVEDATE")) { // RFC 8514 §5
                c.sp();
                if (!c.takeWord("NIL")) {
                    dateTime();
                }
            } else if (c.takeWord("PREVIEW")) { // RFC 8970 §6
                c.sp();
                c.nstring();
            } else if (c.takeWord("BODY")) {
                c.sp();
                int at = c.pos();
                new BodyGrammar(c).body(false);
                body = c.since(at);
            } else {
                throw c.error("msg-att (FLAGS, UID, RFC822.SIZE, MODSEQ, INTERNALDATE, ENVELOPE, BODY, "
                        + "BODYSTRUCTURE, BODY[section], RFC822[.HEADER/.TEXT])");
            }
        } while (c.take(' '));
        c.expect(')');
        return new ImapResponse.FetchItems(uid, flags, size, modseq, date, envelope, body, structure, sections);
    }

    /**
     * {@code "(" [flag *(SP flag)] ")"}; {@code fetch} also allows {@code \Recent} (flag-fetch),
     * {@code perm} also {@code \*} (flag-perm).
     */
    List<String> flagList(boolean fetch, boolean perm) throws ImapGrammarException {
        c.expect('(');
        List<String> flags = new ArrayList<>();
        if (c.take(')')) {
            return flags;
        }
        do {
            if (c.take('\\')) {
                if (perm && c.take('*')) {
                    flags.add("\\*");
                    continue;
                }
                int at = c.pos();
                String name = c.atom();
                if (name.equalsIgnoreCase("Recent") && !fetch) {
                    throw errorAt(at, "a flag other than \\Recent (it is only fetched, never stored)");
                }
                flags.add("\\" + name);
            } else {
                flags.add(c.atom());
            }
        } while (c.take(' '));
        c.expect(')');
        return flags;
    }

    private ImapGrammarException errorAt(int at, String expected) {
        return new ImapGrammarException(expected, c.bytes(), at);
    }

    /**
     * {@code section = "[" [section-spec] "]"}: HEADER, HEADER.FIELDS[.NOT] SP header-list, TEXT, or a part
     * number with an optional HEADER..., TEXT or MIME.
     */
    void section() throws ImapGrammarException {
        c.expect('[');
        if (c.take(']')) {
            return;
        }
        boolean part = false;
        if (c.peek() >= '1' && c.peek() <= '9') {
            part = true;
            c.nzNumber();
            while (c.take('.')) {
                if (c.peek() >= '1' && c.peek() <= '9') {
                    c.nzNumber();
                } else {
                    msgText(true);
                    c.expect(']');
                    return;
                }
            }
        }
        if (!part) {
            msgText(false);
        }
        c.expect(']');
    }

    private void msgText(boolean mimeAllowed) throws ImapGrammarException {
        if (c.takeWord("HEADER.FIELDS.NOT") || c.takeWord("HEADER.FIELDS")) {
            c.sp();
            c.expect('(');
            do {
                c.astring();
            } while (c.take(' '));
            c.expect(')');
        } else if (c.takeWord("HEADER") || c.takeWord("TEXT") || (mimeAllowed && c.takeWord("MIME"))) {
            return;
        } else {
            throw c.error("section-text (HEADER, HEADER.FIELDS, TEXT" + (mimeAllowed ? ", MIME" : "") + ")");
        }
    }

    /** {@code date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE}. */
    String dateTime() throws ImapGrammarException {
        int start = c.pos();
        c.expect('"');
        int day = c.take(' ') ? digits(1) : digits(2);
        c.expect('-');
        String month = threeLetters();
        c.expect('-');
        digits(4);
        c.sp();
        int h = digits(2);
        c.expect(':');
        int m = digits(2);
        c.expect(':');
        int s = digits(2);
        c.sp();
        if (!c.take('+') && !c.take('-')) {
            throw c.error("zone sign");
        }
        digits(4);
        c.expect('"');
        if (day < 1 || day > 31 || !MONTHS.contains(month.toUpperCase(Locale.ROOT)) || h > 23 || m > 59 || s > 60) {
            throw errorAt(start, "a valid date-time");
        }
        return c.since(start);
    }

    private String threeLetters() throws ImapGrammarException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            int ch = c.peek();
            if (!Character.isLetter(ch)) {
                throw c.error("date-month");
            }
            sb.append((char) ch);
            c.take((char) ch);
        }
        return sb.toString();
    }

    private int digits(int n) throws ImapGrammarException {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int ch = c.peek();
            if (ch < '0' || ch > '9') {
                throw c.error(n + " DIGIT");
            }
            c.take((char) ch);
            v = v * 10 + ch - '0';
        }
        return v;
    }
}
