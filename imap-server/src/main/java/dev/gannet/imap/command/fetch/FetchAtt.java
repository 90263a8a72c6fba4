package dev.gannet.imap.command.fetch;

import java.util.List;

/**
 * One FETCH data item (RFC 3501 §6.4.5): a simple item, or a body section with its part path, section text
 * (HEADER, HEADER.FIELDS, HEADER.FIELDS.NOT, TEXT, MIME or none), header field names and partial range.
 */
public record FetchAtt(Type type, List<Integer> path, String text, List<String> fields, boolean peek,
        long partialOffset, long partialLength) {

    /** The item kinds; SECTION covers {@code BODY[...]} and {@code BODY.PEEK[...]}. */
    public enum Type {
        UID, FLAGS, INTERNALDATE, RFC822_SIZE, ENVELOPE, BODY, BODYSTRUCTURE, MODSEQ, RFC822, RFC822_HEADER,
        RFC822_TEXT, SECTION,
        /** RFC 8474 §5.1, §5.2. */
        EMAILID, THREADID,
        /** RFC 8514 §3. */
        SAVEDATE,
        /** RFC 8970 §3.1; PREVIEW_LAZY is {@code PREVIEW (LAZY)}. */
        PREVIEW, PREVIEW_LAZY,
        /** BINARY[...] and BINARY.PEEK[...] (RFC 3516 §4.2). */
        BINARY,
        /** BINARY.SIZE[...] (RFC 3516 §4.2). */
        BINARY_SIZE
    }

    public static FetchAtt simple(Type type) {
        return new FetchAtt(type, List.of(), null, List.of(), false, -1, -1);
    }

    public FetchAtt {
        path = List.copyOf(path);
        fields = List.copyOf(fields);
    }

    /** Body items that mark the message \Seen when fetched (RFC 3501 §6.4.5). */
    public boolean setsSeen() {
        return ((type == Type.SECTION || type == Type.BINARY) && !peek) || type == Type.RFC822 || type == Type.RFC822_TEXT;
    }

    public boolean needsStructure() {
        return type == Type.ENVELOPE || type == Type.BODY || type == Type.BODYSTRUCTURE;
    }

    /** Items answered from {@link dev.gannet.core.store.MessageFacts}. */
    public boolean needsFacts() {
        return type == Type.EMAILID || type == Type.SAVEDATE || type == Type.PREVIEW || type == Type.PREVIEW_LAZY;
    }

    public boolean hasContent() {
        return type == Type.SECTION || type == Type.RFC822 || type == Type.RFC822_HEADER || type == Type.RFC822_TEXT
                || type == Type.BINARY || type == Type.BINARY_SIZE;
    }

    /** The section as the response names it, e.g. {@code 1.HEADER.FIELDS (Subject)}. */
    public String sectionSpec() {
        StringBuilder sb = new StringBuilder();
        for (int n : path) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(n);
        }
        if (text != null) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(text);
            if (!fields.isEmpty()) {
                sb.append(" (").append(String.join(" ", fields)).append(')');
            }
        }
        return sb.toString();
    }
}
