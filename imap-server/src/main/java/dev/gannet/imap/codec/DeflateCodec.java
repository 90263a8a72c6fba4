package dev.gannet.imap.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * COMPRESS=DEFLATE (RFC 4978 §4): raw DEFLATE (RFC 1951, no zlib header) in both directions, just above TLS.
 * Writes are deflated without flushing and each channel flush ends with a sync flush (§4: the peer can
 * decode every response as soon as it arrives, while a FETCH written in many pieces still compresses as
 * one stream). A write's promise completes only when the compressed bytes that carry it are written, so a
 * close after a BYE still sends the whole BYE. Input is inflated in chunks of {@value #CHUNK} bytes and,
 * while the session has paused reading, the rest stays compressed: a small input that inflates to a great
 * deal cannot make the server buffer it all. Memory is what java.util.zip allocates (15 window bits,
 * memory level 8: about 256 KiB to deflate, 40 KiB to inflate) plus one chunk.
 */
public final class DeflateCodec extends ChannelDuplexHandler {

    static final int CHUNK = 16 * 1024;

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);
    private final List<ChannelPromise> unflushed = new ArrayList<>();
    private ByteBuf pendingInput;
    private boolean ended;
    private ChannelFuture lastWrite;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in) || ended) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (pendingInput != null) {
            // still inflating earlier input: keep the order by queueing behind it
            int left = inflater.getRemaining();
            ByteBuf rest = ctx.alloc().heapBuffer(left + in.readableBytes());
            rest.writeBytes(pendingInput, pendingInput.writerIndex() - left, left).writeBytes(in);
            pendingInput.release();
            in.release();
            pendingInput = rest;
            inflater.setInput(rest.nioBuffer());
            return;
        }
        pendingInput = in;
        inflater.setInput(in.nioBuffer());
        inflatePending(ctx);
    }

    /** Inflates what is pending until it is used up or the session stops reading. */
    private void inflatePending(ChannelHandlerContext ctx) {
        try {
            while (pendingInput != null && !ended) {
                ByteBuf out = ctx.alloc().heapBuffer(CHUNK);
                int n = inflater.inflate(out.nioBuffer(0, CHUNK));
                out.writerIndex(n);
                if (inflater.finished()) {
                    out.release();
                    throw new DecoderException("the client ended its compressed stream");
                }
                if (n > 0) {
                    ctx.fireChannelRead(out);
                } else {
                    out.release();
                }
                if (inflater.needsInput()) {
                    pendingInput.release();
                    pendingInput = null;
                    ctx.fireChannelReadComplete();
                    return;
                }
                if (n > 0 && !ctx.channel().config().isAutoRead()) {
                    ctx.fireChannelReadComplete();
                    return; // resumed by read()
                }
            }
        } catch (DataFormatException | DecoderException e) {
            fail(ctx, e instanceof DecoderException d ? d : new DecoderException("invalid compressed data", e));
        }
    }

    private void fail(ChannelHandlerContext ctx, DecoderException e) {
        ended = true;
        if (pendingInput != null) {
            pendingInput.release();
            pendingInput = null;
        }
        ctx.fireExceptionCaught(e);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // fired by inflatePending, once the input of a read is used up or reading pauses
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (pendingInput != null) {
            inflatePending(ctx);
        }
        ctx.read();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf in)) {
            ReferenceCountUtil.release(msg);
            promise.setFailure(new IllegalArgumentException("only bytes can be compressed"));
            return;
        }
        if (ended) {
            in.release();
            promise.setFailure(new IllegalStateException("compression ended"));
            return;
        }
        try {
            deflater.setInput(in.nioBuffer());
            while (!deflater.needsInput()) {
                emit(ctx, Deflater.NO_FLUSH);
            }
        } finally {
            in.release();
        }
        unflushed.add(promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (!ended) {
            while (emit(ctx, Deflater.SYNC_FLUSH) == CHUNK) {
                // a full chunk: the sync flush may have more to give
            }
            ChannelFuture written = lastWrite == null ? ctx.newSucceededFuture() : lastWrite;
            lastWrite = null;
            List<ChannelPromise> promises = List.copyOf(unflushed);
            unflushed.clear();
            written.addListener(f -> promises.forEach(p -> {
                if (f.isSuccess()) {
                    p.trySuccess();
                } else {
                    p.tryFailure(f.cause());
                }
            }));
        }
        ctx.flush();
    }

    /** Writes one chunk of deflated output, if there is any, and returns its size. */
    private int emit(ChannelHandlerContext ctx, int mode) {
        ByteBuf out = ctx.alloc().heapBuffer(CHUNK);
        int n = deflater.deflate(out.nioBuffer(0, CHUNK), mode);
        out.writerIndex(n);
        if (n == 0) {
            out.release();
        } else {
            lastWrite = ctx.write(out);
        }
        return n;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        ended = true;
        if (pendingInput != null) {
            pendingInput.release();
            pendingInput = null;
        }
        unflushed.forEach(p -> p.tryFailure(new IllegalStateException("connection closed")));
        unflushed.clear();
        deflater.end();
        inflater.end();
    }
}
