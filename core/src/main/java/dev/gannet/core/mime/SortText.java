package dev.gannet.core.mime;

import java.text.Normalizer;
import java.util.List;

/**
 * The text sort keys of RFC 5256 §3 and RFC 5957 §3, compared with the i;unicode-casemap comparator
 * (RFC 5051 §2): each key is stored already mapped (titlecase of every character, then NFKD), so that SORT
 * compares code points only. Addresses arrive as {@link NormalizedAddress} (lower-cased at ingest, which the
 * titlecase mapping makes irrelevant) or as their stored search text, for documents written before the keys
 * were stored.
 */
public final class SortText {

    /** A base subject (RFC 5256 §2.1) and whether a reply or forward marker was removed to get it. */
    public record Subject(String base, boolean replyOrForward) {
    }

    private SortText() {
    }

    /** The i;unicode-casemap form of {@code s} (RFC 5051 §2 steps 1 and 2), raw header bytes as U+FFFD; "" for null. */
    public static String casemap(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        RawHeaderBytes.readable(s).codePoints().forEach(cp -> sb.appendCodePoint(Character.toTitleCase(cp)));
        return Normalizer.normalize(sb, Normalizer.Form.NFKD);
    }

    /** The base subject of an RFC 2047-decoded subject, casemapped, with its reply/forward marker. */
    public static Subject subject(String decoded) {
        BaseSubject.Result r = BaseSubject.extract(decoded);
        return new Subject(casemap(r.base()), r.replyOrForward());
    }

    /** RFC 5256 §3 FROM/TO/CC: the addr-mailbox (local part) of the first address, casemapped. */
    public static String mailbox(List<NormalizedAddress> list) {
        return list.isEmpty() ? "" : casemap(localPart(list.get(0).address()));
    }

    /**
     * RFC 5957 §3 DISPLAYFROM/DISPLAYTO: the display name of the first address, or its addr-spec when it has
     * none, casemapped.
     */
    public static String display(List<NormalizedAddress> list) {
        if (list.isEmpty()) {
            return "";
        }
        NormalizedAddress a = list.get(0);
        return casemap(a.name() != null && !a.name().isEmpty() ? a.name() : a.address());
    }

    /**
     * FROM/TO/CC from the ENVELOPE address structures (RFC 3501 §7.4.2) as FETCH shows them, which is what
     * RFC 5256 names: the addr-mailbox of the first structure, so a group's name, and Dovecot's placeholders
     * for broken addresses, count as Dovecot counts them.
     */
    public static String envelopeMailbox(List<Address> list) {
        return list.isEmpty() || list.get(0).mailbox() == null ? "" : casemap(list.get(0).mailbox());
    }

    /** DISPLAYFROM/DISPLAYTO from the first ENVELOPE address structure: its decoded name, else its addr-spec. */
    public static String envelopeDisplay(List<Address> list) {
        if (list.isEmpty()) {
            return "";
        }
        Address a = list.get(0);
        if (a.name() != null && !a.name().isEmpty()) {
            return casemap(ParamDecoding.decodeEncodedWords(a.name()));
        }
        String spec = a.addrSpec();
        return casemap(spec != null ? spec : a.mailbox());
    }

    /** Parses {@link NormalizedAddress#searchText()} back ("name <addr>", "addr" or a bare name). */
    public static NormalizedAddress fromSearchText(String text) {
        if (text == null || text.isEmpty()) {
            return new NormalizedAddress(null, null);
        }
        int open = text.lastIndexOf(" <");
        if (open >= 0 && text.endsWith(">")) {
            return new NormalizedAddress(text.substring(0, open), text.substring(open + 2, text.length() - 1));
        }
        // a bare value is an address when it looks like one; a lone display name has no '@' and usually a space
        return text.indexOf('@') >= 0 || text.indexOf(' ') < 0 ? new NormalizedAddress(null, text)
                : new NormalizedAddress(text, null);
    }

    private static String localPart(String address) {
        if (address == null) {
            return "";
        }
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at);
    }
}
