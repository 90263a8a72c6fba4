package dev.gannet.core.testing.imap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The untagged data responses other than message data: RFC 3501 §9 {@code capability-data} and
 * {@code mailbox-data} (FLAGS, LIST, LSUB, STATUS, SEARCH), RFC 5161 ENABLED, RFC 2971 ID, RFC 2342
 * NAMESPACE, RFC 9208 QUOTA and QUOTAROOT. STATUS items are the ones RFC 3501, RFC 7162, RFC 8438,
 * RFC 7889 and RFC 9208 define; LIST attributes are flag-extensions with at most one of RFC 3501's
 * selectability flags and at most one of RFC 3348's children flags.
 */
final class MailboxData {

    private static final Set<String> SELECTABILITY = Set.of("\\NOSELECT", "\\MARKED", "\\UNMARKED");
    private static final Set<String> CHILDREN = Set.of("\\HASCHILDREN", "\\HASNOCHILDREN");
    private final Cursor c;
    private final FetchGrammar fetch;

    MailboxData(Cursor c, FetchGrammar fetch) {
        this.c = c;
        this.fetch = fetch;
    }

    ImapResponse parse(byte[] raw) throws ImapGrammarException {
        if (c.takeWord("CAPABILITY")) {
            return new ImapResponse.Data("CAPABILITY", capabilities(c), raw);
        }
        if (c.takeWord("FLAGS")) {
            c.sp();
            return new ImapResponse.Data("FLAGS", fetch.flagList(false, false), raw);
        }
        if (c.takeWord("LIST")) {
            return list("LIST", raw);
        }
        if (c.takeWord("LSUB")) {
            return list("LSUB", raw);
        }
        if (c.takeWord("STATUS")) {
            return status(raw);
        }
        if (c.takeWord("SEARCH")) {
            return search(raw);
        }
        if (c.takeWord("ENABLED")) {
            List<String> caps = new ArrayList<>();
            while (c.take(' ')) {
                caps.add(c.atom());
            }
            return new ImapResponse.Data("ENABLED", caps, raw);
        }
        if (c.takeWord("ID")) {
            c.sp();
            return new ImapResponse.Data("ID", id(), raw);
        }
        if (c.takeWord("NAMESPACE")) {
            for (int i = 0; i < 3; i++) {
                c.sp();
                namespace();
            }
            return new ImapResponse.Data("NAMESPACE", List.of(), raw);
        }
        if (c.takeWord("QUOTAROOT")) {
            c.sp();
            String mailbox = c.astring();
            List<String> roots = new ArrayList<>();
            while (c.take(' ')) {
                roots.add(c.astring());
            }
            return new ImapResponse.QuotaRoot(mailbox, roots, raw);
        }
        if (c.takeWord("QUOTA")) {
            return quota(raw);
        }
        throw c.error("an untagged response (OK, NO, BAD, BYE, PREAUTH, CAPABILITY, FLAGS, LIST, LSUB, STATUS, "
                + "SEARCH, ENABLED, ID, NAMESPACE, QUOTA, QUOTAROOT, or a number with EXISTS, RECENT, EXPUNGE, FETCH)");
    }

    /** {@code *(SP capability) SP "IMAP4rev1" *(SP capability)} after the word CAPABILITY. */
    static List<String> capabilities(Cursor c) throws ImapGrammarException {
        List<String> caps = new ArrayList<>();
        while (c.take(' ')) {
            caps.add(c.atom());
        }
        if (caps.stream().noneMatch(x -> x.equalsIgnoreCase("IMAP4rev1"))) {
            throw c.error("IMAP4rev1 among the capabilities");
        }
        return caps;
    }

    /** {@code "(" [mbx-list-flags] ")" SP (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox}. */
    private ImapResponse list(String kind, byte[] raw) throws ImapGrammarException {
        c.sp();
        c.expect('(');
        List<String> attrs = new ArrayList<>();
        if (!c.peekIs(')')) {
            do {
                int at = c.pos();
                c.expect('\\');
                attrs.add("\\" + c.atom());
                String upper = attrs.get(attrs.size() - 1).toUpperCase(Locale.ROOT);
                long sameKind = attrs.stream().map(a -> a.toUpperCase(Locale.ROOT))
                        .filter(a -> SELECTABILITY.contains(upper) ? SELECTABILITY.contains(a)
                                : CHILDREN.contains(upper) ? CHILDREN.contains(a) : a.equals(upper))
                        .count();
                if (sameKind > 1) {
                    throw new ImapGrammarException("no second " + (SELECTABILITY.contains(upper) ? "mbx-list-sflag"
                            : CHILDREN.contains(upper) ? "children attribute" : upper), c.bytes(), at);
                }
            } while (c.take(' '));
        }
        c.expect(')');
        c.sp();
        String delimiter = null;
        if (!c.takeWord("NIL")) {
            byte[] q = c.quoted();
            if (q.length != 1) {
                throw c.error("a one-character hierarchy delimiter");
            }
            delimiter = new String(q, StandardCharsets.US_ASCII);
        }
        c.sp();
        return new ImapResponse.ListEntry(kind, attrs, delimiter, c.astring(), raw);
    }

    private ImapResponse status(byte[] raw) throws ImapGrammarException {
        c.sp();
        String mailbox = c.astring();
        c.sp();
        c.expect('(');
        Map<String, Long> items = new LinkedHashMap<>();
        if (!c.peekIs(')')) {
            do {
                int at = c.pos();
                String name = c.atom().toUpperCase(Locale.ROOT);
                c.sp();
                long value = switch (name) {
                    case "MESSAGES", "RECENT", "UNSEEN", "DELETED" -> c.number();
                    case "UIDNEXT", "UIDVALIDITY" -> c.nzNumber();
                    case "HIGHESTMODSEQ", "SIZE", "DELETED-STORAGE" -> c.number64(); // mod-sequence-valzer
                    case "APPENDLIMIT" -> c.takeWord("NIL") ? -1 : c.number();
                    case "MAILBOXID" -> c.parenObjectId().length(); // RFC 8474 §4.3: kept as its length
                    default -> throw new ImapGrammarException("status-att", c.bytes(), at);
                };
                if (items.put(name, value) != null) {
                    throw new ImapGrammarException("each status-att once", c.bytes(), at);
                }
            } while (c.take(' '));
        }
        c.expect(')');
        return new ImapResponse.Status(mailbox, items, raw);
    }

    private ImapResponse search(byte[] raw) throws ImapGrammarException {
        List<Long> numbers = new ArrayList<>();
        long modseq = 0;
        while (c.take(' ')) {
            if (c.take('(')) {
                c.expectWord("MODSEQ");
                c.sp();
                modseq = c.modSequenceValue();
                c.expect(')');
                break;
            }
            numbers.add(c.nzNumber());
        }
        return new ImapResponse.Search(numbers, modseq, raw);
    }

    /** RFC 2971 {@code "(" string SP nstring *(SP string SP nstring) ")" / nil}, at most 30 pairs. */
    private List<String> id() throws ImapGrammarException {
        List<String> words = new ArrayList<>();
        if (c.takeWord("NIL")) {
            return words;
        }
        c.expect('(');
        do {
            byte[] field = c.string();
            c.sp();
            byte[] value = c.nstring();
            if (field.length > 30 || (value != null && value.length > 1024) || words.size() >= 60) {
                throw c.error("ID fields of at most 30 octets, values of at most 1024, at most 30 pairs");
            }
            words.add(new String(field, StandardCharsets.UTF_8));
            words.add(value == null ? null : new String(value, StandardCharsets.UTF_8));
        } while (c.take(' '));
        c.expect(')');
        return words;
    }

    /** RFC 2342 {@code Namespace = nil / "(" 1*( "(" string SP (DQUOTE QUOTED-CHAR DQUOTE / nil) *(ext) ")" ) ")"}. */
    private void namespace() throws ImapGrammarException {
        if (c.takeWord("NIL")) {
            return;
        }
        c.expect('(');
        do {
            c.expect('(');
            c.string();
            c.sp();
            if (!c.takeWord("NIL") && c.quoted().length != 1) {
                throw c.error("a one-character hierarchy delimiter");
            }
            while (c.take(' ')) { // Namespace_Response_Extension = SP string SP "(" string *(SP string) ")"
                c.string();
                c.sp();
                c.expect('(');
                do {
                    c.string();
                } while (c.take(' '));
                c.expect(')');
            }
            c.expect(')');
        } while (c.peekIs('('));
        c.expect(')');
    }

    /** RFC 9208 {@code quota-root-name SP "(" quota-resource *(SP quota-resource) ")"}. */
    private ImapResponse quota(byte[] raw) throws ImapGrammarException {
        c.sp();
        String root = c.astring();
        c.sp();
        c.expect('(');
        Map<String, long[]> resources = new LinkedHashMap<>();
        do {
            String name = c.atom().toUpperCase(Locale.ROOT);
            c.sp();
            long usage = c.number64();
            c.sp();
            long limit = c.number64();
            resources.put(name, new long[] {usage, limit});
        } while (c.take(' '));
        c.expect(')');
        return new ImapResponse.Quota(root, resources, raw);
    }
}
