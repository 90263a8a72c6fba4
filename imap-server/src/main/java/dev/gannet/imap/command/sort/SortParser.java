package dev.gannet.imap.command.sort;

import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.command.search.ReturnOptions;
import dev.gannet.imap.command.search.SearchParser;
import dev.gannet.imap.protocol.ArgReader;
import dev.gannet.imap.protocol.ImapParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses SORT and UID SORT (RFC 5256 §5: {@code "SORT" SP sort-criteria SP search-criteria}, with the
 * RFC 5957 §4 keys): a parenthesised list of criteria, each optionally preceded by REVERSE, the mandatory
 * charset, then search keys exactly as SEARCH takes them; ESORT's {@code RETURN (...)} may come first. The number of criteria is bounded.
 */
public final class SortParser {

    private static final int MAX_CRITERIA = 20;

    private SortParser() {
    }

    public static ImapCommand parse(String tag, ArgReader r, boolean uid) {
        r.sp();
        ReturnOptions returns = null;
        if (r.peek() != '(') {
            if (!r.atom().equalsIgnoreCase("RETURN")) {
                throw new ImapParseException("Expected sort criteria");
            }
            // ESORT (RFC 5267 §3.1): the same result options as SEARCH
            returns = ReturnOptions.parse(r);
            r.sp();
        }
        r.expect('(');
        List<SortCriterion> criteria = new ArrayList<>();
        do {
            if (criteria.size() >= MAX_CRITERIA) {
                throw new ImapParseException("Too many sort criteria");
            }
            String word = r.atom().toUpperCase(Locale.ROOT);
            boolean reverse = word.equals("REVERSE");
            if (reverse) {
                r.sp();
                word = r.atom().toUpperCase(Locale.ROOT);
            }
            criteria.add(new SortCriterion(key(word), reverse));
        } while (r.tryChar(' '));
        r.expect(')');
        r.sp();
        String charset = r.astring().toUpperCase(Locale.ROOT);
        r.sp();
        return new ImapCommand.Sort(tag, uid, List.copyOf(criteria), charset, SearchParser.criteria(r), returns);
    }

    private static SortCriterion.Key key(String word) {
        try {
            return SortCriterion.Key.valueOf(word);
        } catch (IllegalArgumentException e) {
            throw new ImapParseException("Unknown sort criterion " + (word.length() > 20 ? word.substring(0, 20) : word));
        }
    }
}
