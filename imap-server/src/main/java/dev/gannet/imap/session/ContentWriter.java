package dev.gannet.imap.session;

import dev.gannet.core.store.Content;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Streams message bytes to the client as literals (RFC 3501 §4.3) with back-pressure: each chunk is written as it
 * comes from the store, and when the channel stops being writable the next chunk is not requested until the last
 * write has gone out, so a large message never sits in memory whole. A literal's header is written only once
 * its content has started to arrive, because a literal once announced must be completed or the connection
 * closed: the client reads exactly the announced number of bytes.
 */
public final class ContentWriter {

    /** Bytes read before a literal's header is written: about one blob chunk (255 KiB), whose read checks a batch of them. */
    public static final int READ_AHEAD = 256 * 1024;

    private ContentWriter() {
    }

    /**
     * Writes {@code header} (the FETCH response text up to and including the literal's {@code {n}CRLF}, with
     * {@code n} the content's size, written by {@link Responder#encodeRaw}) and then the content, with back-pressure. Nothing is written until the first
     * {@value #READ_AHEAD} bytes (or the whole content, if smaller) have been read, so that a content that
     * cannot be read at all (its bytes document resolved, but a blob gone or the store down) fails before
     * anything is sent and the command can still answer NO; {@code onStart} runs just before the first write.
     * After that a failure leaves the literal short: the caller must close the connection. A content that
     * turns out longer or shorter than its announced size fails too, and never writes past the announced size.
     */
    public static Mono<Void> literal(Responder out, String header, Content c, Runnable onStart) {
        return Mono.defer(() -> {
            boolean[] started = {false};
            long[] written = {0};
            Runnable start = () -> {
                if (!started[0]) {
                    started[0] = true;
                    onStart.run();
                    out.write(out.encodeRaw(header));
                }
            };
            return readAhead(c.bytes()).concatMap(group -> {
                long bytes = group.stream().mapToLong(ByteBuffer::remaining).sum();
                if (written[0] + bytes > c.size()) {
                    return Mono.error(new IllegalStateException("content longer than its size " + c.size()));
                }
                start.run();
                written[0] += bytes;
                ChannelFuture last = null;
                for (ByteBuffer bb : group) {
                    last = out.write(Unpooled.wrappedBuffer(bb));
                }
                return last == null ? Mono.empty() : awaitIfFull(out, last);
            }, 1).then(Mono.fromRunnable(start)).then(Mono.defer(() -> written[0] == c.size() ? Mono.<Void>empty()
                    : Mono.error(new IllegalStateException("content of " + written[0] + " bytes, size " + c.size()))));
        });
    }

    /**
     * The content's buffers, the first {@value #READ_AHEAD} bytes as one group (so that reading them, which for a
     * blob reads its first chunks, happens before anything is written) and each later buffer on its own.
     */
    private static Flux<List<ByteBuffer>> readAhead(Flux<ByteBuffer> data) {
        return Flux.defer(() -> {
            long[] seen = {0};
            return data.bufferUntil(b -> {
                if (seen[0] >= READ_AHEAD) {
                    return true;
                }
                seen[0] += b.remaining();
                return seen[0] >= READ_AHEAD;
            });
        });
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
