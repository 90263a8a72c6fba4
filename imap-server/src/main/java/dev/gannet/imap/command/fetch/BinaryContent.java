package dev.gannet.imap.command.fetch;

import dev.gannet.core.mime.StreamDecoder;
import dev.gannet.core.mime.TransferEncoding;
import dev.gannet.core.store.Content;
import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.MessageStore;
import dev.gannet.core.store.PartSpec;
import dev.gannet.core.store.Uid;
import dev.gannet.imap.session.ContentWriter;
import dev.gannet.imap.session.ImapNo;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * BINARY[section] and BINARY.SIZE[section] (RFC 3516 §4.2): a part's bytes with its Content-Transfer-Encoding
 * undone. The encoding is read from the part's MIME header; the part is decoded as it streams from the store,
 * once to learn the decoded size and whether it holds NUL (then the response uses a {@code ~{n}} literal8), and,
 * for BINARY, again to send it, so a large part is never held whole. {@code BINARY[]} is the message as stored.
 * An encoding this server does not know answers {@code NO [UNKNOWN-CTE]}.
 */
final class BinaryContent {

    private BinaryContent() {
    }

    /** Decoded bytes (for BINARY.SIZE only the size counts) and whether they contain NUL. */
    record Decoded(Content content, boolean nul) {
    }

    static Mono<Decoded> of(MessageStore store, MailboxId box, Uid uid, FetchAtt a) {
        if (a.path().isEmpty()) {
            return store.raw(box, uid).map(c -> new Decoded(slice(c, a), false));
        }
        PartSpec.Part part = new PartSpec.Part(a.path());
        return store.part(box, uid, new PartSpec.Mime(a.path()))
                .flatMap(ContentWriter::bytes)
                .flatMap(header -> {
                    TransferEncoding cte = TransferEncoding.of(field(header, "content-transfer-encoding"));
                    if (cte == TransferEncoding.OTHER) {
                        return Mono.error(new ImapNo("UNKNOWN-CTE", "Unknown Content-Transfer-Encoding"));
                    }
                    return store.part(box, uid, part).flatMap(encoded -> {
                        if (cte.isIdentity()) {
                            return hasNul(encoded.bytes()).map(nul -> new Decoded(slice(new Content(encoded.size(),
                                    Flux.defer(() -> store.part(box, uid, part).flatMapMany(Content::bytes))), a), nul));
                        }
                        return measure(decode(encoded.bytes(), cte)).map(m -> new Decoded(slice(new Content(m[0],
                                Flux.defer(() -> store.part(box, uid, part).flatMapMany(c -> decode(c.bytes(), cte)))), a),
                                m[1] != 0));
                    });
                });
    }

    private static Content slice(Content c, FetchAtt a) {
        return a.partialOffset() >= 0 ? ContentWriter.slice(c, a.partialOffset(), a.partialLength()) : c;
    }

    static Flux<ByteBuffer> decode(Flux<ByteBuffer> encoded, TransferEncoding cte) {
        return Flux.defer(() -> {
            StreamDecoder d = new StreamDecoder(cte);
            return encoded.map(b -> d.feed(b.duplicate())).concatWith(Mono.fromSupplier(d::finish))
                    .filter(ByteBuffer::hasRemaining);
        });
    }

    /** {size, 1 if a NUL was seen else 0}, reading the stream once. */
    private static Mono<long[]> measure(Flux<ByteBuffer> bytes) {
        return bytes.reduce(new long[2], (acc, b) -> {
            acc[0] += b.remaining();
            if (acc[1] == 0 && containsNul(b)) {
                acc[1] = 1;
            }
            return acc;
        });
    }

    private static Mono<Boolean> hasNul(Flux<ByteBuffer> bytes) {
        return bytes.any(BinaryContent::containsNul);
    }

    private static boolean containsNul(ByteBuffer b) {
        for (int i = b.position(); i < b.limit(); i++) {
            if (b.get(i) == 0) {
                return true;
            }
        }
        return false;
    }

    /** The value of a header field (folded lines joined), or null. */
    static String field(byte[] header, String name) {
        String text = new String(header, StandardCharsets.ISO_8859_1).replaceAll("\r?\n[ \t]", " ");
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

}
