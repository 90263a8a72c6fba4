package dev.gannet.core.net;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the server knows about one client connection, attached to its channel: a short session id that
 * every log line about the connection carries, the peer address, whether TLS is active, and how many
 * commands are being executed. Protocol handlers call {@link #beginCommand()} and {@link #endCommand()}
 * around each command so that shutdown can let in-flight commands finish before closing.
 */
public final class Connection {

    private static final AttributeKey<Connection> KEY = AttributeKey.valueOf("gannet.connection");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private final String sessionId;
    private final String protocol;
    private final SocketAddress remote;
    private final long openedNanos = System.nanoTime();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean tls;

    Connection(String protocol, SocketAddress remote, boolean tls) {
        this.sessionId = newSessionId();
        this.protocol = protocol;
        this.remote = remote;
        this.tls = tls;
    }

    /** The connection attached to {@code channel}, or null before the server attached one. */
    public static Connection of(Channel channel) {
        return channel.attr(KEY).get();
    }

    /** Whether {@code channel} is encrypted: its connection's state, or an SslHandler where none is attached. */
    public static boolean tls(Channel channel) {
        Connection c = of(channel);
        return c != null ? c.isTls() : channel.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null;
    }

    /** Whether the peer of {@code channel} is on loopback (false before a connection is attached). */
    public static boolean loopback(Channel channel) {
        Connection c = of(channel);
        return c != null && c.isLoopback();
    }

    /** The peer's IP address as text, for logs and rate limits. */
    public static String peerAddress(Channel channel) {
        SocketAddress remote = channel.remoteAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(remote);
    }

    /** The session id of {@code channel}'s connection, or one made from {@code owner} where none is attached. */
    public static String sessionId(Channel channel, Object owner) {
        Connection c = of(channel);
        return c != null ? c.sessionId() : Integer.toHexString(System.identityHashCode(owner));
    }

    void attachTo(Channel channel) {
        channel.attr(KEY).set(this);
    }

    private static String newSessionId() {
        char[] id = new char[10];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }

    public String sessionId() {
        return sessionId;
    }

    public String protocol() {
        return protocol;
    }

    public SocketAddress remote() {
        return remote;
    }

    /** True for loopback peers, which Gannet treats as secure as Dovecot does. */
    public boolean isLoopback() {
        return remote instanceof InetSocketAddress a && a.getAddress() != null && a.getAddress().isLoopbackAddress();
    }

    public boolean isTls() {
        return tls;
    }

    /** Marks the connection as encrypted, after implicit TLS or a completed STARTTLS. */
    public void tlsEstablished() {
        tls = true;
    }

    public void beginCommand() {
        inFlight.incrementAndGet();
    }

    public void endCommand() {
        inFlight.updateAndGet(n -> n > 0 ? n - 1 : 0);
    }

    public boolean busy() {
        return inFlight.get() > 0;
    }

    long ageMillis() {
        return (System.nanoTime() - openedNanos) / 1_000_000;
    }
}
