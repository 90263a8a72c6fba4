package dev.gannet.imap.session;

import dev.gannet.core.mime.RawHeaderBytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;

/**
 * Writes server responses (RFC 3501 §7) to the connection in exactly the order they were produced. A
 * command's steps run on store threads and on the event loop alike, and Netty writes at once when called
 * on the event loop but queues a task otherwise, which can let a later response overtake an earlier one;
 * so every write here is queued as an event-loop task, and the tasks run in submission order. A response that
 * cannot be completed ends the connection ({@link #abort}): RFC 3501 §4.3 gives a client no way to tell a
 * literal cut short from one whose bytes are still coming.
 */
public final class Responder {

    private final Channel channel;
    private volatile boolean aborted;

    public Responder(Channel channel) {
        this.channel = channel;
    }

    /** {@code * <text>CRLF}. */
    public void untagged(String text) {
        line("* " + text);
    }

    /** {@code + <text>CRLF}, flushed. */
    public ChannelFuture continuation(String text) {
        return flush("+ " + text);
    }

    public void line(String text) {
        write(encode(text + "\r\n"), false);
    }

    /** Writes and flushes one line. */
    public ChannelFuture flush(String text) {
        return write(encode(text + "\r\n"), true);
    }

    /**
     * Writes and flushes one line, then runs {@code then} in the same event-loop task: nothing written or
     * read afterwards can come between them (COMPRESS installs its codec so).
     */
    public ChannelFuture flushThen(String text, Runnable then) {
        ByteBuf bytes = encode(text + "\r\n");
        ChannelPromise promise = channel.newPromise();
        try {
            channel.eventLoop().execute(() -> {
                channel.writeAndFlush(bytes, promise);
                then.run();
            });
        } catch (RejectedExecutionException e) {
            ReferenceCountUtil.release(bytes);
            promise.setFailure(e);
        }
        return promise;
    }

    /** Writes raw bytes (a literal's content), unflushed. */
    public ChannelFuture write(ByteBuf bytes) {
        return write(bytes, false);
    }

    public ChannelFuture write(ByteBuf bytes, boolean flush) {
        ChannelPromise promise = channel.newPromise();
        if (aborted) {
            ReferenceCountUtil.release(bytes);
            return promise.setFailure(new IllegalStateException("the connection is being closed"));
        }
        try {
            channel.eventLoop().execute(() -> {
                if (flush) {
                    channel.writeAndFlush(bytes, promise);
                } else {
                    channel.write(bytes, promise);
                }
            });
        } catch (RejectedExecutionException e) {
            ReferenceCountUtil.release(bytes);
            promise.setFailure(e);
        }
        return promise;
    }

    /**
     * Ends the connection in the middle of a response that cannot be completed (a literal whose bytes stopped
     * coming): writes {@code bye} on a line of its own after everything written so far, then closes. Nothing
     * written after this call is sent, so no tagged response or untagged data can follow the broken response.
     */
    public void abort(String bye) {
        if (aborted) {
            return;
        }
        aborted = true;
        ByteBuf buf = encode("\r\n" + bye + "\r\n");
        try {
            channel.eventLoop().execute(() -> channel.writeAndFlush(buf).addListener(ChannelFutureListener.CLOSE));
        } catch (RejectedExecutionException e) {
            ReferenceCountUtil.release(buf);
        }
    }

    /** True once {@link #abort} was called: the connection is closing and the session must not go on. */
    public boolean aborted() {
        return aborted;
    }

    public void flush() {
        try {
            channel.eventLoop().execute(channel::flush);
        } catch (RejectedExecutionException ignored) {
            // the connection is gone; nothing to flush
        }
    }

    public ByteBuf encode(String s) {
        ByteBuf buf = channel.alloc().buffer(ByteBufUtil.utf8MaxBytes(s));
        buf.writeCharSequence(s, StandardCharsets.UTF_8);
        return buf;
    }

    /**
     * As {@link #encode}, for FETCH text holding ENVELOPE or BODYSTRUCTURE values: the stand-ins of header bytes
     * that were not UTF-8 go out as those bytes ({@link RawHeaderBytes}), as the literals around them counted.
     */
    public ByteBuf encodeRaw(String s) {
        return RawHeaderBytes.any(s) ? Unpooled.wrappedBuffer(RawHeaderBytes.bytes(s)) : encode(s);
    }

    public boolean isWritable() {
        return channel.isWritable();
    }

    public Channel channel() {
        return channel;
    }
}
