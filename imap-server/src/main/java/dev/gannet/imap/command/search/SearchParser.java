package dev.gannet.imap.command.search;

import dev.gannet.core.store.Flag;
import dev.gannet.core.store.SearchKey;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.protocol.ArgReader;
import dev.gannet.imap.protocol.ImapDates;
import dev.gannet.imap.protocol.ImapParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses SEARCH and UID SEARCH (RFC 3501 §6.4.4, §9 {@code search-key}) with CHARSET, MODSEQ (RFC 7162
 * §3.1.5), YOUNGER/OLDER (RFC 5032), EMAILID/THREADID (RFC 8474 §6), SAVEDBEFORE/SAVEDON/SAVEDSINCE/
 * SAVEDATESUPPORTED (RFC 8514 §4), the RETURN options of RFC 4731/5182/5267 and the {@code $} of RFC 5182.
 * Nesting depth is bounded so a hostile command cannot exhaust
 * the stack.
 */
public final class SearchParser {

    private static final int MAX_DEPTH = 50;

    private SearchParser() {
    }

    public static ImapCommand parse(String tag, ArgReader r, boolean uid) {
        r.sp();
        ReturnOptions returns = null;
        String charset = null;
        List<Criterion> keys = new ArrayList<>();
        String word = Character.isLetter(r.peek()) ? r.atom() : null;
        if (word != null && word.equalsIgnoreCase("RETURN")) {
            returns = ReturnOptions.parse(r);
            r.sp();
            word = Character.isLetter(r.peek()) ? r.atom() : null;
        }
        if (word != null && word.equalsIgnoreCase("CHARSET")) {
            r.sp();
            charset = r.astring().toUpperCase(Locale.ROOT);
            r.sp();
            word = null;
        }
        if (word != null) {
            keys.add(named(word.toUpperCase(Locale.ROOT), r, 0));
            if (!r.tryChar(' ')) {
                return new ImapCommand.Search(tag, uid, charset, keys.get(0), returns);
            }
        }
        do {
            keys.add(key(r, 0));
        } while (r.tryChar(' '));
        return new ImapCommand.Search(tag, uid, charset, keys.size() == 1 ? keys.get(0) : new Criterion.AllOf(keys),
                returns);
    }

    /** search-key *(SP search-key) as SORT and THREAD take it after their charset (RFC 5256 §5). */
    public static Criterion criteria(ArgReader r) {
        List<Criterion> keys = new ArrayList<>();
        do {
            keys.add(key(r, 0));
        } while (r.tryChar(' '));
        return keys.size() == 1 ? keys.get(0) : new Criterion.AllOf(keys);
    }

    private static Criterion key(ArgReader r, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ImapParseException("Search key nested too deeply");
        }
        char c = r.peek();
        if (c == '(') {
            r.expect('(');
            List<Criterion> keys = new ArrayList<>();
            do {
                keys.add(key(r, depth + 1));
            } while (r.tryChar(' '));
            r.expect(')');
            return new Criterion.AllOf(keys);
        }
        if ((c >= '0' && c <= '9') || c == '*' || c == '$') {
            return new Criterion.Sequences(r.sequenceSet());
        }
        return named(r.atom().toUpperCase(Locale.ROOT), r, depth);
    }

    private static Criterion store(SearchKey k) {
        return new Criterion.Store(k);
    }

    private static Criterion not(SearchKey k) {
        return new Criterion.Store(new SearchKey.Not(k));
    }

    private static Criterion named(String name, ArgReader r, int depth) {
        return switch (name) {
            case "ALL" -> store(new SearchKey.All());
            case "ANSWERED" -> store(new SearchKey.HasFlag(Flag.ANSWERED));
            case "DELETED" -> store(new SearchKey.HasFlag(Flag.DELETED));
            case "DRAFT" -> store(new SearchKey.HasFlag(Flag.DRAFT));
            case "FLAGGED" -> store(new SearchKey.HasFlag(Flag.FLAGGED));
            case "SEEN" -> store(new SearchKey.HasFlag(Flag.SEEN));
            case "UNANSWERED" -> not(new SearchKey.HasFlag(Flag.ANSWERED));
            case "UNDELETED" -> not(new SearchKey.HasFlag(Flag.DELETED));
            case "UNDRAFT" -> not(new SearchKey.HasFlag(Flag.DRAFT));
            case "UNFLAGGED" -> not(new SearchKey.HasFlag(Flag.FLAGGED));
            case "UNSEEN" -> not(new SearchKey.HasFlag(Flag.SEEN));
            case "RECENT" -> new Criterion.Recent();
            case "NEW" -> new Criterion.AllOf(List.of(new Criterion.Recent(), not(new SearchKey.HasFlag(Flag.SEEN))));
            case "OLD" -> new Criterion.Negated(new Criterion.Recent());
            case "KEYWORD" -> store(new SearchKey.HasKeyword(arg(r, ArgReader::atom)));
            case "UNKEYWORD" -> not(new SearchKey.HasKeyword(arg(r, ArgReader::atom)));
            case "BCC", "CC", "FROM", "TO", "SUBJECT" -> store(SearchKey.Header.field(name, arg(r, ArgReader::astring)));
            case "HEADER" -> {
                String field = arg(r, ArgReader::astring);
                yield store(new SearchKey.Header(field, arg(r, ArgReader::astring)));
            }
            case "BODY" -> store(new SearchKey.Body(arg(r, ArgReader::astring)));
            case "TEXT" -> store(new SearchKey.Text(arg(r, ArgReader::astring)));
            case "BEFORE" -> date(r, SearchKey.DateField.INTERNAL, SearchKey.DateOp.BEFORE);
            case "ON" -> date(r, SearchKey.DateField.INTERNAL, SearchKey.DateOp.ON);
            case "SINCE" -> date(r, SearchKey.DateField.INTERNAL, SearchKey.DateOp.SINCE);
            case "SENTBEFORE" -> date(r, SearchKey.DateField.SENT, SearchKey.DateOp.BEFORE);
            case "SENTON" -> date(r, SearchKey.DateField.SENT, SearchKey.DateOp.ON);
            case "SENTSINCE" -> date(r, SearchKey.DateField.SENT, SearchKey.DateOp.SINCE);
            case "LARGER" -> store(new SearchKey.Larger(arg(r, ArgReader::number)));
            case "SMALLER" -> store(new SearchKey.Smaller(arg(r, ArgReader::number)));
            case "YOUNGER" -> new Criterion.Within(arg(r, ArgReader::nzNumber), true);
            case "OLDER" -> new Criterion.Within(arg(r, ArgReader::nzNumber), false);
            case "UID" -> new Criterion.Uids(arg(r, ArgReader::sequenceSet));
            case "NOT" -> {
                r.sp();
                yield new Criterion.Negated(key(r, depth + 1));
            }
            case "OR" -> {
                r.sp();
                Criterion left = key(r, depth + 1);
                r.sp();
                yield new Criterion.AnyOf(left, key(r, depth + 1));
            }
            case "MODSEQ" -> modseq(r);
            case "EMAILID" -> store(new SearchKey.EmailId(objectId(r)));
            case "THREADID" -> store(new SearchKey.ThreadId(objectId(r)));
            case "SAVEDBEFORE" -> date(r, SearchKey.DateField.SAVED, SearchKey.DateOp.BEFORE);
            case "SAVEDON" -> date(r, SearchKey.DateField.SAVED, SearchKey.DateOp.ON);
            case "SAVEDSINCE" -> date(r, SearchKey.DateField.SAVED, SearchKey.DateOp.SINCE);
            // RFC 8514 §4: every Gannet mailbox keeps save dates
            case "SAVEDATESUPPORTED" -> store(new SearchKey.All());
            default -> throw new ImapParseException("Unknown search key " + (name.length() > 20 ? name.substring(0, 20) : name));
        };
    }

    /** RFC 8474 §4 {@code objectid}: 1*255 of letters, digits, '-' and '_'. */
    private static String objectId(ArgReader r) {
        r.sp();
        String id = r.atom();
        if (id.isEmpty() || id.length() > 255 || !id.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
            throw new ImapParseException("Invalid objectid");
        }
        return id;
    }

    private static Criterion modseq(ArgReader r) {
        r.sp();
        if (r.peek() == '"') {
            r.string();
            r.sp();
            String type = r.atom().toLowerCase(Locale.ROOT);
            if (!List.of("priv", "shared", "all").contains(type)) {
                throw new ImapParseException("Bad MODSEQ entry type");
            }
            r.sp();
        }
        return new Criterion.ModSeq(r.number());
    }

    private static Criterion date(ArgReader r, SearchKey.DateField field, SearchKey.DateOp op) {
        r.sp();
        String text = r.peek() == '"' ? r.string() : r.atom();
        return store(new SearchKey.DateKey(field, op, ImapDates.parseDate(text)));
    }

    private static <T> T arg(ArgReader r, java.util.function.Function<ArgReader, T> read) {
        r.sp();
        return read.apply(r);
    }

}
