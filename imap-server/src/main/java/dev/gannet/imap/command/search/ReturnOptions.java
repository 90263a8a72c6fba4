package dev.gannet.imap.command.search;

import dev.gannet.imap.protocol.ArgReader;
import dev.gannet.imap.protocol.ImapParseException;

import java.util.Arrays;
import java.util.Locale;

/**
 * The result options of an extended SEARCH or SORT: {@code RETURN (MIN MAX ALL COUNT)} (RFC 4731 §3.1; an
 * empty list means ALL), SAVE (RFC 5182 §2.1) and PARTIAL and UPDATE (RFC 5267 §4.2, §4.4). One parser for
 * both commands, so that they accept and refuse the same combinations: PARTIAL with ALL, a PARTIAL range
 * with a zero end and an unknown option are BAD, as in Dovecot 2.3. {@code partialFrom == 0} means no PARTIAL.
 */
public record ReturnOptions(boolean min, boolean max, boolean all, boolean count, boolean save, boolean update,
        long partialFrom, long partialTo) {

    /** {@code RETURN (ALL)}, what {@code RETURN ()} means (RFC 4731 §3.1). */
    public static final ReturnOptions ALL = new ReturnOptions(false, false, true, false, false, false, 0, 0);

    /** Reads {@code SP "(" [option *(SP option)] ")"} after the word RETURN. */
    public static ReturnOptions parse(ArgReader r) {
        r.sp();
        r.expect('(');
        boolean min = false;
        boolean max = false;
        boolean all = false;
        boolean count = false;
        boolean save = false;
        boolean update = false;
        long from = 0;
        long to = 0;
        boolean empty = r.tryChar(')');
        if (!empty) {
            do {
                switch (r.atom().toUpperCase(Locale.ROOT)) {
                    case "MIN" -> min = true;
                    case "MAX" -> max = true;
                    case "ALL" -> all = true;
                    case "COUNT" -> count = true;
                    case "SAVE" -> save = true;
                    case "UPDATE" -> update = true;
                    case "CONTEXT" -> {
                        // RFC 5267 §4.2: a hint that the client will use the result for a while; nothing to do
                    }
                    case "PARTIAL" -> {
                        r.sp();
                        long[] range = range(r);
                        from = range[0];
                        to = range[1];
                    }
                    default -> throw new ImapParseException("Unknown SEARCH return option");
                }
            } while (r.tryChar(' '));
            r.expect(')');
        }
        if (from != 0 && all) {
            throw new ImapParseException("PARTIAL conflicts with ALL");
        }
        return new ReturnOptions(min, max, all || empty, count, save, update, from, to);
    }

    /** {@code partial-range = number ":" number} with both ends non-zero, ordered low to high. */
    private static long[] range(ArgReader r) {
        long a = r.number();
        r.expect(':');
        long b = r.number();
        if (a == 0 || b == 0 || a > 0xFFFF_FFFFL || b > 0xFFFF_FFFFL) {
            throw new ImapParseException("PARTIAL range broken");
        }
        return new long[] {Math.min(a, b), Math.max(a, b)};
    }

    public boolean partial() {
        return partialFrom != 0;
    }

    /** RFC 5182 §2.4: with SAVE as the only option no ESEARCH response is sent at all. */
    public boolean respond() {
        return min || max || all || count || partial() || update;
    }

    /**
     * Which of the matches SAVE keeps (RFC 5182 §2.4): MIN and/or MAX alone save only those, PARTIAL saves its
     * window (as Dovecot does), anything else the whole result. {@code matches} are in result order.
     */
    public long[] saved(long[] matches) {
        if (matches.length == 0) {
            return matches;
        }
        if (partial()) {
            return window(matches);
        }
        if ((min || max) && !all && !count) {
            return ends(matches);
        }
        return matches;
    }

    /**
     * The first and/or last match, as MIN and MAX ask: the lowest and highest for SEARCH, whose result is
     * ascending, and the first and last in sort order for SORT (RFC 5267 §3.1, as Dovecot answers).
     */
    private long[] ends(long[] matches) {
        if (matches.length == 0 || (!min && !max)) {
            return new long[0];
        }
        long first = matches[0];
        long last = matches[matches.length - 1];
        return min && max && first != last ? new long[] {first, last} : new long[] {min ? first : last};
    }

    /** The PARTIAL window of the result (1-based positions {@code partialFrom..partialTo}). */
    public long[] window(long[] matches) {
        if (partialFrom > matches.length) {
            return new long[0];
        }
        int from = (int) partialFrom - 1;
        int to = (int) Math.min(partialTo, matches.length);
        return Arrays.copyOfRange(matches, from, to);
    }

    /**
     * The messages whose highest modseq the response carries (RFC 4731 §3.2): those MIN and MAX name when
     * they are all that is returned, the PARTIAL window with them, otherwise every match.
     */
    public long[] returned(long[] matches) {
        if (all || count || (!partial() && !min && !max)) {
            return matches;
        }
        long[] part = partial() ? window(matches) : new long[0];
        return java.util.stream.LongStream.concat(Arrays.stream(part), Arrays.stream(ends(matches))).distinct().toArray();
    }
}
