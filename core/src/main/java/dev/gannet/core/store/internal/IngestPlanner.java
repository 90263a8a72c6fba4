package dev.gannet.core.store.internal;

import dev.gannet.core.mime.BodyPart;
import dev.gannet.core.mime.EncodingLayout;
import dev.gannet.core.mime.ParsedMessage;
import dev.gannet.core.mime.TransferEncoding;
import dev.gannet.core.store.MessageSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Cuts a raw message into the segments its document stores (ARCHITECTURE.md byte-fidelity invariant):
 * literal byte ranges (inline while they fit a small budget, else a raw blob) and leaf parts at least the
 * dedup size, stored once per content. A base64 part is stored decoded, so differently wrapped copies share
 * a blob, only when {@link Base64Lines} reproduces its exact bytes from the parser's verified layout;
 * otherwise its bytes are stored as they came, keyed by their own hash. Concatenating the segments in
 * order yields the ingested bytes exactly.
 */
final class IngestPlanner {

    /** The segments and the blob references taken for them (one entry per reference). */
    record Plan(List<Document> segments, List<String> blobs) {
    }

    private final Blobs blobs;
    private final int inlineBytes;
    private final int dedupBytes;

    IngestPlanner(Blobs blobs, int inlineBytes, int dedupBytes) {
        this.blobs = blobs;
        this.inlineBytes = inlineBytes;
        this.dedupBytes = dedupBytes;
    }

    Mono<Plan> plan(ParsedMessage parsed, MessageSource source) {
        List<Piece> pieces = cut(parsed, source.size());
        List<Document> segments = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        int[] budget = {inlineBytes};
        return Flux.fromIterable(pieces)
                .concatMap(p -> Mono.fromCallable(() -> source.read(p.start, (int) (p.end - p.start)))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(bytes -> segment(p, bytes, budget, refs)))
                .doOnNext(segments::add)
                .then(Mono.fromSupplier(() -> new Plan(segments, refs)))
                .onErrorResume(e -> blobs.release(refs).onErrorResume(x -> Mono.empty()).then(Mono.error(e)));
    }

    private Mono<Document> segment(Piece p, byte[] bytes, int[] budget, List<String> refs) {
        long n = bytes.length;
        if (p.leaf == null && n <= budget[0]) {
            budget[0] -= (int) n;
            return Mono.just(new Document("n", n).append("i", new Binary(bytes)));
        }
        if (p.leaf != null) {
            EncodingLayout layout = p.leaf.leaf().layout();
            byte[] decoded = layout != null && layout.encoding() == TransferEncoding.BASE64 ? decode(bytes, layout) : null;
            if (decoded != null) {
                return blobs.put(decoded).doOnNext(refs::add).map(h -> new Document("n", n).append("d", h)
                        .append("ll", layout.lineLength()).append("le", layout.lineEnding())
                        .append("fe", layout.finalLineEnding()).append("dl", (long) decoded.length));
            }
        }
        return blobs.put(bytes).doOnNext(refs::add).map(h -> new Document("n", n).append("b", h));
    }

    /** The decoded bytes if re-encoding them with {@code layout} gives back {@code encoded} exactly, else null. */
    static byte[] decode(byte[] encoded, EncodingLayout layout) {
        if (layout.lineLength() % 4 != 0) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Base64.getMimeDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return null;
        }
        byte[] again = Base64Lines.encode(decoded, layout.lineLength(), layout.lineEnding(), layout.finalLineEnding());
        return Arrays.equals(again, encoded) ? decoded : null;
    }

    /** A byte range of the message; {@code leaf} is set for a dedup candidate. */
    private record Piece(long start, long end, BodyPart leaf) {
    }

    private List<Piece> cut(ParsedMessage parsed, long size) {
        List<Piece> out = new ArrayList<>();
        long pos = 0;
        for (BodyPart leaf : parsed.leaves()) {
            long s = leaf.body().start();
            long e = leaf.body().end();
            if (e - s < dedupBytes || s < pos) {
                continue;
            }
            literal(out, pos, s);
            out.add(new Piece(s, e, leaf));
            pos = e;
        }
        literal(out, pos, size);
        return out;
    }

    /** Literal ranges are cut at 4 MiB so no single read or blob grows without bound. */
    private static void literal(List<Piece> out, long from, long to) {
        final long max = 4L << 20;
        for (long s = from; s < to; s += max) {
            out.add(new Piece(s, Math.min(to, s + max), null));
        }
    }
}
