package dev.gannet.imap.command.sort;

import dev.gannet.core.store.SortKeys;

import java.util.Comparator;
import java.util.List;

/**
 * The order of RFC 5256 §3 over precomputed keys: criteria in precedence order, REVERSE flipping only its own
 * criterion, text keys (already in i;unicode-casemap form) compared by code point as the comparator's octet
 * comparison of UTF-8 does. Ties on every criterion are left to a stable sort of messages in sequence order.
 */
public final class SortOrder {

    private SortOrder() {
    }

    public static Comparator<SortKeys> of(List<SortCriterion> criteria) {
        Comparator<SortKeys> order = null;
        for (SortCriterion c : criteria) {
            Comparator<SortKeys> one = of(c.key());
            if (c.reverse()) {
                one = one.reversed();
            }
            order = order == null ? one : order.thenComparing(one);
        }
        return order == null ? (a, b) -> 0 : order;
    }

    private static Comparator<SortKeys> of(SortCriterion.Key key) {
        return switch (key) {
            case ARRIVAL -> Comparator.comparing(SortKeys::arrival);
            case DATE -> Comparator.comparing(SortKeys::date);
            case SIZE -> Comparator.comparingLong(SortKeys::size);
            case FROM -> text(SortKeys::from);
            case TO -> text(SortKeys::to);
            case CC -> text(SortKeys::cc);
            case SUBJECT -> text(SortKeys::subject);
            case DISPLAYFROM -> text(SortKeys::displayFrom);
            case DISPLAYTO -> text(SortKeys::displayTo);
        };
    }

    private static Comparator<SortKeys> text(java.util.function.Function<SortKeys, String> field) {
        return (a, b) -> compareCodePoints(field.apply(a), field.apply(b));
    }

    /** Code point order (the order of UTF-8 octets), which String.compareTo's UTF-16 order is not above U+D7FF. */
    public static int compareCodePoints(String a, String b) {
        String x = a == null ? "" : a;
        String y = b == null ? "" : b;
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int p = x.codePointAt(i);
            int q = y.codePointAt(j);
            if (p != q) {
                return Integer.compare(p, q);
            }
            i += Character.charCount(p);
            j += Character.charCount(q);
        }
        return Integer.compare(x.length() - i, y.length() - j);
    }
}
