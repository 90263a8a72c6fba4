package dev.gannet.core.net;

import dev.gannet.core.tls.TlsMaterial;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;

/**
 * Switches a plain connection to TLS (IMAP STARTTLS, RFC 3501 §6.2.1; POP3 STLS, RFC 2595 §4; LMTP
 * STARTTLS, RFC 3207). The caller installs TLS first and then writes its "go ahead" reply: the handler
 * is in {@code startTls} mode, so that one reply still leaves in plain text while every byte read after
 * it is the client's handshake. A protocol decoder must drop anything the client pipelined after the
 * STARTTLS command (plaintext injection, CVE-2011-0411).
 */
public final class StartTls {

    private StartTls() {
    }

    /**
     * Installs TLS on {@code channel}; write the protocol's "begin TLS" reply right after. The future
     * completes when the handshake does.
     */
    public static Future<Channel> begin(Channel channel, TlsMaterial tls) {
        SslHandler handler = new SslHandler(tls.serverContext().newEngine(channel.alloc()), true);
        channel.pipeline().addFirst("tls", handler);
        Connection connection = Connection.of(channel);
        return handler.handshakeFuture().addListener(f -> {
            if (f.isSuccess() && connection != null) {
                connection.tlsEstablished();
            }
        });
    }

    /** True when TLS is already in the pipeline (a second STARTTLS is a protocol error). */
    public static boolean active(Channel channel) {
        ChannelHandler h = channel.pipeline().get("tls");
        return h instanceof SslHandler;
    }
}
