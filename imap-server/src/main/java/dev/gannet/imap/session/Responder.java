package dev.gannet.imap.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

import java.nio.charset.StandardCharsets;

/**
 * Writes server responses (RFC 3501 §7) to the connection: whole lines, so a continuation request sent
 * between commands never lands inside another response. Writes are thread-safe (Netty queues writes
 * from other threads onto the channel's event loop in order).
 */
public final class Responder {

    private final Channel channel;

    public Responder(Channel channel) {
        this.channel = channel;
    }

    /** {@code * <text>CRLF}. */
    public void untagged(String text) {
        line("* " + text);
    }

    /** {@code + <text>CRLF}. */
    public ChannelFuture continuation(String text) {
        return channel.writeAndFlush(encode("+ " + text + "\r\n"));
    }

    public void line(String text) {
        channel.write(encode(text + "\r\n"));
    }

    public ChannelFuture write(ByteBuf bytes) {
        return channel.write(bytes);
    }

    public ChannelFuture flush(String text) {
        return channel.writeAndFlush(encode(text + "\r\n"));
    }

    public void flush() {
        channel.flush();
    }

    private ByteBuf encode(String s) {
        ByteBuf buf = channel.alloc().buffer(ByteBufUtil.utf8MaxBytes(s));
        buf.writeCharSequence(s, StandardCharsets.UTF_8);
        return buf;
    }

    public Channel channel() {
        return channel;
    }
}
