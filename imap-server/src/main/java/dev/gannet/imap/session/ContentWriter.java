package dev.gannet.imap.session;

import dev.gannet.core.store.Content;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Streams message bytes to the client with back-pressure: each chunk is written as it comes from the
 * store, and when the channel stops being writable the next chunk is not requested until the last write
 * has gone out, so a large message never sits in memory whole (RFC 3501 §4.3 literals).
 */
public final class ContentWriter {

    private ContentWriter() {
    }

    public static Mono<Void> stream(Responder out, Flux<ByteBuffer> data) {
        return data.concatMap(bb -> awaitIfFull(out, out.write(Unpooled.wrappedBuffer(bb))), 1).then();
    }

    /** Flushes and, if the channel is over its high-water mark, waits until {@code f} is written. */
    public static Mono<Void> awaitIfFull(Responder out, ChannelFuture f) {
        if (out.isWritable()) {
            return Mono.empty();
        }
        out.flush();
        return Mono.create(sink -> f.addListener(x -> {
            if (x.isSuccess()) {
                sink.success();
            } else {
                sink.error(x.cause());
            }
        }));
    }

    /** {@code take} bytes from {@code skip} of a content (a partial fetch, RFC 3501 §6.4.5 {@code <o.n>}). */
    public static Content slice(Content c, long skip, long take) {
        long size = Math.max(0, Math.min(take, c.size() - skip));
        if (size == 0) {
            return Content.empty();
        }
        long[] pos = {0};
        Flux<ByteBuffer> sliced = c.bytes().handle((b, sink) -> {
            ByteBuffer buf = b.slice();
            long start = pos[0];
            long end = start + buf.remaining();
            pos[0] = end;
            long from = Math.max(skip, start);
            long to = Math.min(skip + size, end);
            if (from < to) {
                ByteBuffer out = buf.duplicate();
                out.limit((int) (to - start));
                out.position((int) (from - start));
                sink.next(out);
            }
        });
        return new Content(size, sliced);
    }

    /** Reads a small content (a header) into memory. */
    public static Mono<byte[]> bytes(Content c) {
        return c.bytes().reduce(new ByteArrayOutputStream((int) Math.min(c.size(), 1 << 20)), (out, b) -> {
            ByteBuffer d = b.slice();
            byte[] chunk = new byte[d.remaining()];
            d.get(chunk);
            out.write(chunk, 0, chunk.length);
            return out;
        }).map(ByteArrayOutputStream::toByteArray).defaultIfEmpty(new byte[0]);
    }
}
