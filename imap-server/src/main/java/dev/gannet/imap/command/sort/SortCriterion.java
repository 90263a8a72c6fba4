package dev.gannet.imap.command.sort;

/** One sort-criterion of RFC 5256 §3 (and RFC 5957 §3 DISPLAYFROM/DISPLAYTO), optionally REVERSE. */
public record SortCriterion(Key key, boolean reverse) {

    public enum Key {
        ARRIVAL, CC, DATE, FROM, SIZE, SUBJECT, TO, DISPLAYFROM, DISPLAYTO
    }
}
