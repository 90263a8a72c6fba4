package dev.gannet.core.testing.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A strict parser of one IMAP server response per RFC 3501 §9 ({@code continue-req}, {@code response-data},
 * {@code response-tagged}, {@code response-fatal}, {@code greeting}), with the extensions Gannet advertises:
 * RFC 4315 UIDPLUS codes, RFC 7162 CONDSTORE ({@code MODSEQ}, {@code HIGHESTMODSEQ}, {@code NOMODSEQ},
 * {@code MODIFIED}, {@code CLOSED}, SEARCH's MODSEQ, STATUS HIGHESTMODSEQ), RFC 5530 codes, RFC 8474 MAILBOXID, RFC 2971 ID,
 * RFC 5161 ENABLED, RFC 2342 NAMESPACE, RFC 9208 QUOTA/QUOTAROOT, RFC 6154 and RFC 3348 LIST attributes,
 * RFC 8438 STATUS SIZE and RFC 7889 STATUS APPENDLIMIT. It accepts exactly those productions and the whole
 * input must be one response ending in CRLF: anything else is an {@link ImapGrammarException}. Known
 * response codes must have their own syntax; only unknown ones take the generic {@code atom [SP text]}.
 */
public final class ImapResponseGrammar {

    private static final Set<String> BARE_CODES = Set.of("ALERT", "PARSE", "READ-ONLY", "READ-WRITE", "TRYCREATE",
            "UIDNOTSTICKY", "NOMODSEQ", "CLOSED", "UNAVAILABLE", "AUTHENTICATIONFAILED", "AUTHORIZATIONFAILED",
            "EXPIRED", "PRIVACYREQUIRED", "CONTACTADMIN", "NOPERM", "INUSE", "EXPUNGEISSUED", "CORRUPTION",
            "SERVERBUG", "CLIENTBUG", "CANNOT", "LIMIT", "OVERQUOTA", "ALREADYEXISTS", "NONEXISTENT", "TOOBIG");

    private final Cursor c;
    private final FetchGrammar fetch;

    private ImapResponseGrammar(byte[] response, boolean utf8) {
        this.c = new Cursor(response, utf8);
        this.fetch = new FetchGrammar(c);
    }

    /** Parses one complete response (all its lines and literals); 7-bit quoted strings. */
    public static ImapResponse parse(byte[] response) throws ImapGrammarException {
        return parse(response, false);
    }

    /** @param utf8 whether the session enabled UTF8=ACCEPT (RFC 6855: UTF-8 in quoted strings) */
    public static ImapResponse parse(byte[] response, boolean utf8) throws ImapGrammarException {
        ImapResponseGrammar g = new ImapResponseGrammar(response, utf8);
        ImapResponse r = g.response(response);
        g.c.crlf();
        if (!g.c.atEnd()) {
            throw g.c.error("the end of the response after its CRLF");
        }
        return r;
    }

    private ImapResponse response(byte[] raw) throws ImapGrammarException {
        if (c.take('+')) {
            c.sp();
            // continue-req = "+" SP (resp-text / base64); an empty base64 is "+ " CRLF
            if (c.peekIs('\r')) {
                return new ImapResponse.Continuation("", raw);
            }
            Object[] text = respText();
            return new ImapResponse.Continuation((String) text[1], raw);
        }
        if (c.take('*')) {
            c.sp();
            return untagged(raw);
        }
        int start = c.pos();
        while (Cursor.isAstringChar(c.peek()) && c.peek() != '+') {
            c.take((char) c.peek());
        }
        if (c.pos() == start) {
            throw c.error("tag, \"*\" or \"+\"");
        }
        String tag = c.since(start);
        c.sp();
        String status = condition("OK", "NO", "BAD");
        Object[] text = respText();
        return new ImapResponse.Tagged(tag, status, (ImapResponse.Code) text[0], (String) text[1], raw);
    }

    private String condition(String... allowed) throws ImapGrammarException {
        for (String s : allowed) {
            if (c.takeWord(s)) {
                c.sp();
                return s;
            }
        }
        throw c.error(String.join(" / ", allowed));
    }

    private ImapResponse untagged(byte[] raw) throws ImapGrammarException {
        if (c.peek() >= '0' && c.peek() <= '9') {
            int at = c.pos();
            long n = c.number();
            c.sp();
            if (c.takeWord("EXISTS")) {
                return new ImapResponse.Exists(n, raw);
            }
            if (c.takeWord("RECENT")) {
                return new ImapResponse.Recent(n, raw);
            }
            if (n == 0) {
                throw new ImapGrammarException("nz-number before EXPUNGE or FETCH", c.bytes(), at);
            }
            if (c.takeWord("EXPUNGE")) {
                return new ImapResponse.Expunge(n, raw);
            }
            c.expectWord("FETCH");
            c.sp();
            return new ImapResponse.Fetch(n, fetch.msgAtt(), raw);
        }
        for (String s : List.of("OK", "NO", "BAD", "BYE", "PREAUTH")) {
            if (c.takeWord(s)) {
                c.sp();
                Object[] text = respText();
                return new ImapResponse.Condition(s, (ImapResponse.Code) text[0], (String) text[1], raw);
            }
        }
        return new MailboxData(c, fetch).parse(raw);
    }

    /** {@code resp-text = ["[" resp-text-code "]" SP] text}: {code, text}. */
    private Object[] respText() throws ImapGrammarException {
        ImapResponse.Code code = ImapResponse.Code.NONE;
        if (c.take('[')) {
            code = respTextCode();
            c.expect(']');
            c.sp();
        }
        return new Object[] {code, c.text()};
    }

    private ImapResponse.Code respTextCode() throws ImapGrammarException {
        String name = c.atom().toUpperCase(Locale.ROOT);
        int args = c.pos() + 1;
        if (BARE_CODES.contains(name)) {
            return new ImapResponse.Code(name, "");
        }
        switch (name) {
            case "UIDNEXT", "UIDVALIDITY", "UNSEEN" -> {
                c.sp();
                c.nzNumber();
            }
            case "HIGHESTMODSEQ" -> {
                c.sp();
                c.modSequenceValue();
            }
            case "MODIFIED" -> {
                c.sp();
                sequenceSet(true);
            }
            case "APPENDUID" -> {
                c.sp();
                c.nzNumber();
                c.sp();
                sequenceSet(false);
            }
            case "COPYUID" -> {
                c.sp();
                c.nzNumber();
                c.sp();
                sequenceSet(false);
                c.sp();
                sequenceSet(false);
            }
            case "PERMANENTFLAGS" -> {
                c.sp();
                fetch.flagList(false, true);
            }
            case "CAPABILITY" -> MailboxData.capabilities(c);
            case "MAILBOXID" -> { // RFC 8474 §7
                c.sp();
                c.parenObjectId();
            }
            case "BADCHARSET" -> {
                if (c.take(' ')) {
                    c.expect('(');
                    do {
                        c.astring();
                    } while (c.take(' '));
                    c.expect(')');
                }
            }
            default -> {
                if (c.take(' ')) {
                    c.textUntil(']');
                }
            }
        }
        return new ImapResponse.Code(name, c.pos() > args ? c.since(args) : "");
    }

    /**
     * {@code sequence-set} (with "*") or, without, RFC 4315 {@code uid-set}: comma-separated nz-numbers and
     * ranges, no empty elements.
     */
    void sequenceSet(boolean star) throws ImapGrammarException {
        do {
            seqNumber(star);
            if (c.take(':')) {
                seqNumber(star);
            }
        } while (c.take(','));
    }

    private void seqNumber(boolean star) throws ImapGrammarException {
        if (star && c.take('*')) {
            return;
        }
        c.nzNumber();
    }

    /** Parses a uid-set as sent in APPENDUID or COPYUID into its UIDs in order (for tests reading codes). */
    public static List<Long> uids(String uidSet) {
        List<Long> out = new ArrayList<>();
        for (String part : uidSet.split(",")) {
            String[] range = part.split(":");
            long a = Long.parseLong(range[0]);
            long b = range.length > 1 ? Long.parseLong(range[1]) : a;
            for (long u = Math.min(a, b); u <= Math.max(a, b); u++) {
                out.add(u);
            }
        }
        return out;
    }
}
