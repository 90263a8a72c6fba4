package dev.gannet.imap.command.fetch;

import dev.gannet.core.mime.RawHeaderBytes;
import dev.gannet.imap.protocol.ImapDates;
import dev.gannet.imap.protocol.ImapStrings;

import java.time.Instant;

/**
 * The text of one untagged FETCH response (RFC 3501 §7.4.2, §9 {@code msg-att}; RFC 7162 §3.1.4 MODSEQ; RFC 8474,
 * 8514 and 8970 items), item by
 * item, each in the form the grammar gives it: handlers say which items to send, this makes them valid. A value
 * that would break the grammar (a structure that is not a parenthesised list, say) is refused before anything
 * of the response is handed out, so a response is never sent with {@code NIL} where the grammar has no NIL.
 * A response with literals is handed out in pieces, each ending in a literal's header, the last one ending
 * the line; FETCH and STORE both build their responses here. ENVELOPE, BODY and BODYSTRUCTURE may hold raw
 * header bytes ({@link RawHeaderBytes}), so the pieces are written with {@code Responder.encodeRaw}.
 */
public final class FetchResponse {

    private final StringBuilder pending = new StringBuilder();
    private boolean empty = true;
    private boolean ended;

    public FetchResponse(int seq) {
        if (seq < 1) {
            throw new IllegalArgumentException("sequence number " + seq);
        }
        pending.append("* ").append(seq).append(" FETCH (");
    }

    public FetchResponse uid(long uid) {
        item("UID").append(uid);
        return this;
    }

    /** {@code flags}: the session's flag list, e.g. {@code \Seen \Recent} (without parentheses). */
    public FetchResponse flags(String flags) {
        item("FLAGS").append('(').append(flags).append(')');
        return this;
    }

    public FetchResponse modseq(long modseq) {
        item("MODSEQ").append('(').append(modseq).append(')');
        return this;
    }

    public FetchResponse internalDate(Instant date) {
        item("INTERNALDATE").append(ImapDates.dateTime(date));
        return this;
    }

    public FetchResponse size(long size) {
        item("RFC822.SIZE").append(size);
        return this;
    }

    public FetchResponse envelope(String envelope) {
        item("ENVELOPE").append(list("ENVELOPE", envelope));
        return this;
    }

    public FetchResponse body(String body) {
        item("BODY").append(list("BODY", body));
        return this;
    }

    public FetchResponse bodyStructure(String bodyStructure) {
        item("BODYSTRUCTURE").append(list("BODYSTRUCTURE", bodyStructure));
        return this;
    }

    /** RFC 8474 §5.1 {@code EMAILID (objectid)}. */
    public FetchResponse emailId(String id) {
        item("EMAILID").append('(').append(objectId(id)).append(')');
        return this;
    }

    /** RFC 8474 §5.2 {@code THREADID (objectid)}, or NIL for a message in no thread. */
    public FetchResponse threadId(String id) {
        StringBuilder sb = item("THREADID");
        if (id == null) {
            sb.append("NIL");
        } else {
            sb.append('(').append(objectId(id)).append(')');
        }
        return this;
    }

    /** RFC 8514 §3 {@code SAVEDATE date-time}, or NIL where the save date is not known. */
    public FetchResponse saveDate(Instant date) {
        item("SAVEDATE").append(date == null ? "NIL" : ImapDates.dateTime(date));
        return this;
    }

    /**
     * RFC 8970 §3.1 {@code PREVIEW nstring}: quoted when it can be, else a literal; NIL when not computed. Only
     * ENVELOPE and BODYSTRUCTURE values carry raw header bytes, so a stand-in code point here is U+FFFD.
     */
    public FetchResponse preview(String text) {
        item("PREVIEW").append(ImapStrings.nstring(RawHeaderBytes.readable(text)));
        return this;
    }

    /** RFC 8474 §4 {@code objectid}: 1 to 255 of letters, digits, '-' and '_'. */
    static String objectId(String id) {
        if (id.isEmpty() || id.length() > 255 || !id.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
            throw new IllegalStateException("not an objectid: " + id);
        }
        return id;
    }

    /**
     * The text up to and including the header {@code {size}CRLF} of the literal that is {@code name}'s value
     * (e.g. {@code BODY[1.MIME]}); the literal's bytes are written next, then the following piece.
     */
    public String literal(String name, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("literal size " + size);
        }
        item(name).append('{').append(size).append("}\r\n");
        return take();
    }

    /** As {@link #literal}, as a {@code ~{n}} literal8 (RFC 3516 §4.3), for BINARY content holding NUL. */
    public String literal8(String name, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("literal size " + size);
        }
        item(name).append("~{").append(size).append("}\r\n");
        return take();
    }

    /** {@code BINARY.SIZE[section] n} (RFC 3516 §4.2). */
    public FetchResponse binarySize(String section, long size) {
        item("BINARY.SIZE[" + section + "]").append(size);
        return this;
    }

    /** The rest of the response, ending the line with CRLF. */
    public String end() {
        return close() + "\r\n";
    }

    /** The whole response as one line without CRLF, for a response without literals. */
    public String line() {
        return close();
    }

    private String close() {
        if (empty || ended) {
            throw new IllegalStateException(empty ? "a FETCH response needs at least one item" : "already ended");
        }
        ended = true;
        pending.append(')');
        return take();
    }

    private StringBuilder item(String name) {
        if (ended) {
            throw new IllegalStateException("already ended");
        }
        if (!empty) {
            pending.append(' ');
        }
        empty = false;
        return pending.append(name).append(' ');
    }

    private String take() {
        String s = pending.toString();
        pending.setLength(0);
        return s;
    }

    private static String list(String item, String value) {
        if (value == null || value.length() < 2 || value.charAt(0) != '(' || value.charAt(value.length() - 1) != ')') {
            throw new IllegalStateException(item + " is not a parenthesised list");
        }
        return value;
    }
}
