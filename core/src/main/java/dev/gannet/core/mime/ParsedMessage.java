package dev.gannet.core.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything ingest precomputes from one streaming pass over a message's raw bytes: its size
 * (RFC822.SIZE), the MIME tree with byte ranges and BODYSTRUCTURE fields (RFC 3501 §7.4.2), the
 * envelope, normalised search/sort fields, bounded text for BODY/TEXT search
 * (the text parts, and for TEXT the header fields of every part below the top level), the thread key and the
 * PREVIEW text (RFC 8970).
 */
public record ParsedMessage(
        long size, MessageNode message, SearchFields search, String text, boolean textTruncated, String partHeaders,
        ThreadKey thread, String preview) {

    /** A message whose preview is taken from all of its text. */
    public ParsedMessage(long size, MessageNode message, SearchFields search, String text, boolean textTruncated,
            String partHeaders, ThreadKey thread) {
        this(size, message, search, text, textTruncated, partHeaders, thread, Preview.of(text));
    }

    public ParsedMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(partHeaders, "partHeaders");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(preview, "preview");
        if (size < 0 || message.whole().end() != size || message.whole().start() != 0) {
            throw new IllegalArgumentException("the root message must cover [0, size)");
        }
    }

    public Envelope envelope() {
        return message.envelope();
    }

    /** The root body part: part 1 of a single-part message, or the top-level multipart. */
    public BodyPart body() {
        return message.body();
    }

    /** Every LEAF part in document order, including those inside message/rfc822 parts. */
    public List<BodyPart> leaves() {
        List<BodyPart> out = new ArrayList<>();
        Sections.collectLeaves(message.body(), out);
        return out;
    }

    /** The part an IMAP section number such as {@code "2.1.3"} names (RFC 3501 §6.4.5). */
    public Optional<BodyPart> part(String sectionNumber) {
        return Sections.find(message, sectionNumber);
    }
}
