package dev.gannet.core.store.internal;

import java.nio.ByteBuffer;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import reactor.core.publisher.Flux;

/**
 * Streams any byte range of a stored message from its segments: inline bytes from the document, raw blobs
 * chunk by chunk, decoded blobs re-encoded on the fly from the line that holds the range's first byte.
 * Nothing larger than one chunk batch is in memory at a time.
 */
final class SegmentReader {

    private final Blobs blobs;

    SegmentReader(Blobs blobs) {
        this.blobs = blobs;
    }

    Flux<ByteBuffer> read(List<Document> segments, long offset, long length) {
        Flux<ByteBuffer> out = Flux.empty();
        long segStart = 0;
        long end = offset + length;
        for (Document seg : segments) {
            long n = JournalWriter.longOf(seg.get("n"));
            long segEnd = segStart + n;
            if (segEnd > offset && segStart < end) {
                long from = Math.max(offset, segStart) - segStart;
                long to = Math.min(end, segEnd) - segStart;
                out = out.concatWith(readSegment(seg, from, to - from));
            }
            segStart = segEnd;
            if (segStart >= end) {
                break;
            }
        }
        return out;
    }

    private Flux<ByteBuffer> readSegment(Document seg, long from, long len) {
        if (seg.containsKey("i")) {
            byte[] data = seg.get("i", Binary.class).getData();
            return Flux.just(ByteBuffer.wrap(data, (int) from, (int) len).slice());
        }
        if (seg.containsKey("b")) {
            return blobs.read(seg.getString("b"), from, len);
        }
        return reencoded(seg, from, len);
    }

    private Flux<ByteBuffer> reencoded(Document seg, long from, long len) {
        String hash = seg.getString("d");
        int ll = seg.getInteger("ll");
        String le = seg.getString("le");
        boolean fe = Boolean.TRUE.equals(seg.getBoolean("fe"));
        long decodedLength = JournalWriter.longOf(seg.get("dl"));
        long encodedStart;
        long decodedStart;
        if (ll > 0) {
            long perLine = ll + le.length();
            long line = from / perLine;
            encodedStart = line * perLine;
            decodedStart = line * (ll / 4 * 3);
        } else {
            encodedStart = from / 4 * 4;
            decodedStart = from / 4 * 3;
        }
        Flux<ByteBuffer> decoded = blobs.read(hash, decodedStart, decodedLength - decodedStart);
        return skipTake(Base64Lines.encode(decoded, ll, le, fe), from - encodedStart, len);
    }

    /** Drops the first {@code skip} bytes of a stream and ends it after {@code take} more. */
    static Flux<ByteBuffer> skipTake(Flux<ByteBuffer> in, long skip, long take) {
        return Flux.defer(() -> {
            long[] state = {skip, take};
            return in.takeWhile(b -> state[1] > 0).map(b -> {
                ByteBuffer buf = b.slice();
                int drop = (int) Math.min(state[0], buf.remaining());
                state[0] -= drop;
                buf.position(buf.position() + drop);
                int keep = (int) Math.min(state[1], buf.remaining());
                state[1] -= keep;
                buf.limit(buf.position() + keep);
                return buf.slice();
            }).filter(ByteBuffer::hasRemaining);
        });
    }
}
