package dev.gannet.core.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of MIME ingest: reads the raw bytes of one message (RFC 5322, MIME per RFC 2045-2049)
 * once, streaming, with memory bounded by fixed buffers, the header limits and the text cap, and
 * returns a {@link ParsedMessage}. Malformed mail never fails: only an I/O error of the source does.
 */
public final class MessageParser {

    private static final Logger LOG = LoggerFactory.getLogger(MessageParser.class);

    private MessageParser() {
    }

    public static ParsedMessage parse(InputStream raw) throws IOException {
        return parse(raw, ParseLimits.DEFAULT);
    }

    public static ParsedMessage parse(byte[] raw) {
        return parse(raw, ParseLimits.DEFAULT);
    }

    public static ParsedMessage parse(byte[] raw, ParseLimits limits) {
        try {
            return parse(new ByteArrayInputStream(raw), limits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ParsedMessage parse(Path file, ParseLimits limits) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, limits);
        }
    }

    /** Parses everything {@code raw} yields; the caller keeps ownership of the stream. */
    public static ParsedMessage parse(InputStream raw, ParseLimits limits) throws IOException {
        CountingInputStream source = new CountingInputStream(raw, false);
        RawScanner scanner = new RawScanner(source);
        BodyText text = new BodyText(limits.maxTextChars());
        EntityParser parser = new EntityParser(scanner, limits, text);
        MessageNode root;
        try {
            root = parser.parseMessage("", 0);
        } catch (RuntimeException bug) {
            LOG.warn("MIME parser failed unexpectedly; storing the message as one opaque part", bug);
            source.transferTo(OutputStream.nullOutputStream());
            return opaque(source.count());
        }
        if (root.whole().end() != source.count() || source.read() >= 0) {
            LOG.warn("MIME parser did not account for every byte; storing the message as one opaque part");
            source.transferTo(OutputStream.nullOutputStream());
            return opaque(source.count());
        }
        SearchFacts.Result facts = SearchFacts.of(parser.rootLines(), root.envelope(), limits);
        return new ParsedMessage(source.count(), root, facts.search(), text.text(), text.truncated(),
                text.partHeaders(), facts.thread(), Preview.of(text.firstPart()));
    }

    /** The last resort: the whole message as one text/plain body without a header. */
    private static ParsedMessage opaque(long size) {
        ByteRange header = new ByteRange(0, 0);
        ByteRange body = new ByteRange(0, size);
        BodyPart part = new BodyPart("1", BodyPart.Kind.LEAF, header, body, "text", "plain", List.of(), null, null,
                "7bit", 0, null, null, List.of(), null, List.of(), null,
                new LeafInfo(null, false, size, EncodingLayout.identity(TransferEncoding.SEVEN_BIT)));
        MessageNode node = new MessageNode(header, body, Envelope.EMPTY, part);
        SearchFacts.Result facts = SearchFacts.of(List.of(), Envelope.EMPTY, ParseLimits.DEFAULT);
        return new ParsedMessage(size, node, facts.search(), "", false, "", facts.thread());
    }
}
