package dev.gannet.pop3.session;

import dev.gannet.pop3.protocol.MultilineEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.BaseSubscriber;

import java.nio.ByteBuffer;

/**
 * Writes the body of a multi-line reply (RFC 1939 §3) from a stream of store buffers with back-pressure:
 * one buffer is requested at a time, and the next only once the channel is writable again, so a slow
 * client holds at most the channel's high-water mark plus one chunk in memory. Every signal is handled
 * on the channel's event loop. A store failure mid-body cannot be reported in-band, so the connection
 * is closed (the client sees a truncated response and, without QUIT, nothing is deleted).
 */
final class BodyStreamer extends BaseSubscriber<ByteBuffer> {

    private static final Logger log = LoggerFactory.getLogger(BodyStreamer.class);

    private final ChannelHandlerContext ctx;
    private final MultilineEncoder encoder;
    private final Runnable onDone;
    private boolean paused;
    private boolean finished;

    BodyStreamer(ChannelHandlerContext ctx, MultilineEncoder encoder, Runnable onDone) {
        this.ctx = ctx;
        this.encoder = encoder;
        this.onDone = onDone;
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        subscription.request(1);
    }

    @Override
    protected void hookOnNext(ByteBuffer value) {
        ctx.executor().execute(() -> write(value));
    }

    private void write(ByteBuffer value) {
        if (finished) {
            return;
        }
        if (!ctx.channel().isActive()) {
            abort();
            return;
        }
        ByteBuf out = encoder.encode(value, ctx.alloc());
        ctx.writeAndFlush(out, ctx.voidPromise());
        if (encoder.done()) {
            cancel();
            complete();
        } else if (ctx.channel().isWritable()) {
            request(1);
        } else {
            paused = true;
        }
    }

    @Override
    protected void hookOnComplete() {
        ctx.executor().execute(this::complete);
    }

    @Override
    protected void hookOnError(Throwable e) {
        ctx.executor().execute(() -> {
            if (!finished) {
                log.warn("reading a message failed mid-reply; closing the connection: {}", e.toString());
                abort();
                ctx.close();
            }
        });
    }

    /** Called on the event loop when the channel became writable again. */
    void writable() {
        if (paused && !finished && ctx.channel().isWritable()) {
            paused = false;
            request(1);
        }
    }

    /** The connection closed: stop reading. */
    void abort() {
        if (!finished) {
            finished = true;
            cancel();
            onDone.run();
        }
    }

    private void complete() {
        if (finished) {
            return;
        }
        finished = true;
        ctx.writeAndFlush(encoder.finish(ctx.alloc()), ctx.voidPromise());
        onDone.run();
    }
}
