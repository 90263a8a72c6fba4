package dev.gannet.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the part tree in one pass over a {@link RawScanner}: each entity's header decides, as in
 * RFC 2045 §5.2 and RFC 2046 §5.1.5 and as Dovecot decides it, whether its body is a multipart
 * (with a boundary; children numbered per RFC 3501 §6.4.5), a message/rfc822 (parsed as a message
 * whatever its transfer encoding, so its parts keep offsets into the stored bytes), or a leaf, whose
 * bytes stream through decoding, text extraction and the re-encoding check. Content-* fields count
 * only in MIME entities (a body part, or a message with MIME-Version or Content-Type). Beyond the
 * depth or part limits, containers become opaque leaves and further siblings are left out.
 */
final class EntityParser {

    /** {@code cut}: a delimiter line ended the header, so the body is empty (as in Dovecot). */
    private record Entity(RawScanner.Mark start, RawScanner.Mark headerEnd, boolean cut, int blankLen, List<HeaderBlock.Line> lines,
                          ContentFields fields, String type, String subtype, BodyPart.Kind kind) {
    }

    private final RawScanner scanner;
    private final ParseLimits limits;
    private final BodyText text;
    private final byte[] drainBuffer = new byte[16 * 1024];
    private int parts;
    private int boundaryIds;
    private List<HeaderBlock.Line> rootLines;

    EntityParser(RawScanner scanner, ParseLimits limits, BodyText text) {
        this.scanner = scanner;
        this.limits = limits;
        this.text = text;
    }

    List<HeaderBlock.Line> rootLines() {
        return rootLines == null ? List.of() : rootLines;
    }

    MessageNode parseMessage(String number, int depth) throws IOException {
        Entity e = readEntity(false, false, depth);
        if (rootLines == null) {
            rootLines = e.lines();
        } else {
            text.appendHeader(e.lines());
        }
        Envelope envelope = Envelopes.of(e.lines());
        BodyPart body = parseBody(e, number, true, depth);
        // the body's header range, not the entity's: a header whose empty line is the next delimiter's line
        // break ends before it (see parseBody), and the message's text starts there
        return new MessageNode(body.header(), body.body(), envelope, body);
    }

    private Entity readEntity(boolean alwaysMime, boolean inDigest, int depth) throws IOException {
        RawScanner.Mark start = scanner.contentEnd();
        byte[] header = scanner.readHeader(limits.maxHeaderBytes());
        RawScanner.Mark headerEnd = scanner.contentEnd();
        boolean cut = scanner.stop() != null;
        int blankLen = scanner.blankLen();
        List<HeaderBlock.Line> lines = HeaderBlock.parse(header);
        boolean mime = alwaysMime || HeaderBlock.first(lines, "MIME-Version") != null
                || HeaderBlock.first(lines, "Content-Type") != null;
        ContentFields fields = mime ? ContentFields.of(lines) : ContentFields.none();
        String type = fields.hasType() ? fields.type : inDigest ? "message" : "text";
        String subtype = fields.hasType() ? fields.subtype : inDigest ? "rfc822" : "plain";
        BodyPart.Kind kind = BodyPart.Kind.LEAF;
        if (type.equalsIgnoreCase("multipart")) {
            kind = BodyPart.Kind.MULTIPART;
        } else if (type.equalsIgnoreCase("message") && subtype.equalsIgnoreCase("rfc822")) {
            kind = BodyPart.Kind.MESSAGE;
        }
        if (kind != BodyPart.Kind.LEAF && (depth >= limits.maxDepth() || parts >= limits.maxParts())) {
            kind = BodyPart.Kind.LEAF;
        }
        return new Entity(start, headerEnd, cut, blankLen, lines, fields, type, subtype, kind);
    }

    private BodyPart parseBody(Entity e, String number, boolean messageBody, int depth) throws IOException {
        parts++;
        String partNumber = messageBody && e.kind() != BodyPart.Kind.MULTIPART
                ? (number.isEmpty() ? "1" : number + ".1") : number;
        List<BodyPart> children = List.of();
        MessageNode message = null;
        LeafInfo leaf = null;
        switch (e.kind()) {
            case MULTIPART -> children = parseMultipart(e, partNumber, depth);
            case MESSAGE -> message = parseMessage(partNumber, depth + 1);
            case LEAF -> leaf = parseLeaf(e);
        }
        RawScanner.Mark end = scanner.contentEnd();
        RawScanner.Mark headerEnd = e.headerEnd();
        if (e.kind() == BodyPart.Kind.LEAF && e.blankLen() > 0 && end.offset() == headerEnd.offset()
                && scanner.stop() != null) {
            // "header CRLF CRLF --boundary": the empty line's break is the delimiter's own (RFC 2046 §5.1.1), so
            // the part's header has no empty line and its MIME bytes end before it, as Dovecot answers
            headerEnd = new RawScanner.Mark(headerEnd.offset() - e.blankLen(), headerEnd.lf() - 1);
            end = headerEnd;
        }
        if (message != null && message.whole().end() < end.offset()) {
            // the attached message's header ended at the delimiter, as above: its empty line is not this part's
            end = new RawScanner.Mark(message.whole().end(), end.lf() - 1);
        }
        ContentFields f = e.fields();
        String cte = f.transferEncoding == null ? "7bit" : f.transferEncoding;
        return new BodyPart(partNumber, e.kind(), range(e.start(), headerEnd), range(headerEnd, end),
                e.type(), e.subtype(), f.params, f.id, f.description, cte, end.lf() - headerEnd.lf(),
                f.md5, f.disposition, f.languages, f.location, children, message, leaf);
    }

    private List<BodyPart> parseMultipart(Entity e, String partNumber, int depth) throws IOException {
        MimeParam param = null;
        for (MimeParam p : e.fields().params) {
            if (param == null && p.baseName().equalsIgnoreCase("boundary")) {
                param = p;
            }
        }
        String boundary = param == null ? "" : param.decodedValue();
        if (boundary.isEmpty() || e.cut()) {
            drain(scanner.content());
            return List.of();
        }
        boolean digest = e.subtype().equalsIgnoreCase("digest");
        int id = ++boundaryIds;
        scanner.push(boundary.getBytes(StandardCharsets.UTF_8), id);
        List<BodyPart> children = new ArrayList<>();
        drain(scanner.content());
        while (true) {
            RawScanner.Match m = scanner.stop();
            if (m == null || m.boundary().owner() != id) {
                break;
            }
            scanner.consumeDelimiterLine();
            if (m.close()) {
                scanner.pop(id);
                drain(scanner.content());
                break;
            }
            if (parts >= limits.maxParts()) {
                drain(scanner.content());
                continue;
            }
            Entity child = readEntity(true, digest, depth + 1);
            text.appendHeader(child.lines());
            String childNumber = partNumber.isEmpty() ? Integer.toString(children.size() + 1)
                    : partNumber + "." + (children.size() + 1);
            children.add(parseBody(child, childNumber, false, depth + 1));
        }
        scanner.pop(id);
        return children;
    }

    private LeafInfo parseLeaf(Entity e) throws IOException {
        ContentFields f = e.fields();
        TransferEncoding encoding = TransferEncoding.of(f.transferEncoding);
        String filename = filename(f);
        boolean attachment = f.disposition != null
                ? f.disposition.isAttachment() || (f.disposition.type().equalsIgnoreCase("inline") && filename != null)
                : filename != null && f.id == null;
        // As Dovecot: every text/* and message/* leaf, attachment or alternative, is searchable text.
        boolean wantText = e.type().equalsIgnoreCase("text") || e.type().equalsIgnoreCase("message");
        InputStream raw = scanner.content();
        Base64LayoutCheck check = encoding == TransferEncoding.BASE64 ? new Base64LayoutCheck() : null;
        InputStream tapped = check == null ? raw : new TapInputStream(raw, check);
        CountingInputStream decoded = new CountingInputStream(TransferCodec.decoder(tapped, encoding));
        try {
            if (wantText) {
                MimeParam charset = null;
                for (MimeParam p : f.params) {
                    if (charset == null && p.baseName().equalsIgnoreCase("charset")) {
                        charset = p;
                    }
                }
                boolean html = e.subtype().equalsIgnoreCase("html");
                text.append(decoded, charset == null ? null : charset.decodedValue(),
                        !attachment && e.type().equalsIgnoreCase("text") && (html || e.subtype().equalsIgnoreCase("plain")), html);
            }
            drain(decoded);
        } catch (RuntimeException decodingTrouble) {
            // The decoder gave up on malformed input; offsets come from the raw bytes regardless.
        }
        drain(tapped);
        EncodingLayout layout = encoding.isIdentity() ? EncodingLayout.identity(encoding)
                : check != null ? check.result() : null;
        return new LeafInfo(filename, attachment, decoded.count(), layout);
    }

    private static String filename(ContentFields f) {
        if (f.disposition != null) {
            for (MimeParam p : f.disposition.params()) {
                if (p.baseName().equalsIgnoreCase("filename") && !p.decodedValue().isBlank()) {
                    return p.decodedValue();
                }
            }
        }
        for (MimeParam p : f.params) {
            if (p.baseName().equalsIgnoreCase("name") && !p.decodedValue().isBlank()) {
                return p.decodedValue();
            }
        }
        return null;
    }

    private void drain(InputStream in) throws IOException {
        while (in.read(drainBuffer, 0, drainBuffer.length) >= 0) {
            // discard
        }
    }

    private static ByteRange range(RawScanner.Mark from, RawScanner.Mark to) {
        return new ByteRange(from.offset(), to.offset());
    }
}
