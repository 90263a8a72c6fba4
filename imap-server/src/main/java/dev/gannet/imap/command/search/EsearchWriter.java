package dev.gannet.imap.command.search;

import dev.gannet.imap.protocol.UidSets;

/**
 * Builds ESEARCH responses (RFC 4731 §3.1, RFC 5267 §4.3.3–4.3.4, §4.4) for SEARCH and SORT alike: the
 * search correlator, UID when the numbers are UIDs, then MIN, MAX, ALL, PARTIAL, COUNT and MODSEQ in the order
 * Dovecot 2.3 sends them. MIN, MAX and ALL are left out when nothing matched; COUNT 0 is still sent.
 */
public final class EsearchWriter {

    private EsearchWriter() {
    }

    /**
     * The response to a command: {@code numbers} are the matches in result order (ascending for SEARCH),
     * {@code modseq} is 0 when the criteria did not use MODSEQ or nothing was returned.
     */
    public static String result(String tag, boolean uid, ReturnOptions o, long[] numbers, long modseq) {
        StringBuilder sb = head(tag, uid);
        if (numbers.length > 0) {
            // the first and last in result order: lowest and highest for SEARCH, as sorted for SORT (RFC 5267 §3.1)
            if (o.min()) {
                sb.append(" MIN ").append(numbers[0]);
            }
            if (o.max()) {
                sb.append(" MAX ").append(numbers[numbers.length - 1]);
            }
            if (o.all()) {
                sb.append(" ALL ").append(UidSets.format(numbers));
            }
        }
        if (o.partial()) {
            long[] window = o.window(numbers);
            sb.append(" PARTIAL (").append(o.partialFrom()).append(':').append(o.partialTo()).append(' ')
                    .append(window.length == 0 ? "NIL" : UidSets.format(window)).append(')');
        }
        if (o.count()) {
            sb.append(" COUNT ").append(numbers.length);
        }
        if (modseq > 0) {
            sb.append(" MODSEQ ").append(modseq);
        }
        return sb.toString();
    }

    /** Numbers in result order to add or remove at a context position (0 for SEARCH, whose order the client knows). */
    public record Run(long position, long[] numbers) {
    }

    /**
     * An update of a context (RFC 5267 §4.3.3, §4.3.4): {@code ADDTO} or {@code REMOVEFROM} with its pairs of
     * position and numbers, to be applied in the order given.
     */
    public static String update(String tag, boolean uid, boolean add, java.util.List<Run> runs) {
        StringBuilder sb = head(tag, uid).append(add ? " ADDTO (" : " REMOVEFROM (");
        for (int i = 0; i < runs.size(); i++) {
            sb.append(i == 0 ? "" : " ").append(runs.get(i).position()).append(' ')
                    .append(UidSets.format(runs.get(i).numbers()));
        }
        return sb.append(')').toString();
    }

    private static StringBuilder head(String tag, boolean uid) {
        // a tag is made of ASTRING-CHARs, which include neither '"' nor '\' (RFC 3501 §9): it quotes as it is
        StringBuilder sb = new StringBuilder("ESEARCH (TAG \"").append(tag).append("\")");
        return uid ? sb.append(" UID") : sb;
    }
}
