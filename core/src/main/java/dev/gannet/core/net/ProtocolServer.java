package dev.gannet.core.net;

import dev.gannet.core.node.Listener;
import dev.gannet.core.node.NodeContext;
import dev.gannet.core.node.StartupException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One TCP listener of a protocol (IMAP, IMAPS, POP3, LMTP, ...) on the node's shared event loops. It
 * owns what every protocol needs alike: implicit TLS when asked, a session id and an open/close log line
 * per connection, the concurrent-connection limit (answered with the protocol's own refusal before any
 * of its handlers run), connection metrics, a last-resort handler so no exception goes unlogged, and the
 * graceful stop: stop accepting, wait for in-flight commands within the grace time, say goodbye, close.
 */
public final class ProtocolServer {

    private static final Logger log = LoggerFactory.getLogger(ProtocolServer.class);

    /**
     * @param name the listener's name for logs and metrics ("imap", "imaps", "lmtp", ...)
     * @param implicitTls wrap every connection in TLS from the first byte
     * @param maxConnections concurrent connections accepted; more are refused with {@code refusal}
     * @param refusal sent to a connection over the limit before it is closed
     * @param goodbye sent to each connection when the server shuts down
     */
    public record Options(String name, String host, int port, boolean implicitTls, int maxConnections,
            String refusal, String goodbye) {
    }

    private final Options options;
    private final Channel serverChannel;
    private final ChannelGroup connections;
    private final Listener listener;

    private ProtocolServer(Options options, Channel serverChannel, ChannelGroup connections) {
        this.options = options;
        this.serverChannel = serverChannel;
        this.connections = connections;
        this.listener = new Listener(options.name(), (InetSocketAddress) serverChannel.localAddress());
    }

    /**
     * Binds the listener. {@code initializer} adds the protocol's handlers to each new connection's
     * pipeline (after TLS, when implicit) and typically writes the greeting from its handler's
     * {@code channelActive}.
     *
     * @throws StartupException when the address cannot be bound
     */
    public static ProtocolServer bind(NodeContext context, Options options, Consumer<SocketChannel> initializer) {
        ChannelGroup connections = new DefaultChannelGroup(options.name(), GlobalEventExecutor.INSTANCE);
        Tracker tracker = new Tracker(options, connections, context.metrics());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(context.network().acceptors(), context.network().workers())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Connection connection = new Connection(options.name(), ch.remoteAddress(), options.implicitTls());
                        connection.attachTo(ch);
                        ch.pipeline().addLast("tracker", tracker);
                        if (options.implicitTls()) {
                            ch.pipeline().addLast("tls", context.tls().serverContext().newHandler(ch.alloc()));
                        }
                        initializer.accept(ch);
                        ch.pipeline().addLast("last-resort", LAST_RESORT);
                    }
                });
        try {
            Channel server = bootstrap.bind(options.host(), options.port()).syncUninterruptibly().channel();
            return new ProtocolServer(options, server, connections);
        } catch (Exception e) {
            String where = options.host() + ":" + options.port();
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new StartupException(options.name() + " cannot listen on " + where + ": address already in use", e);
            }
            throw new StartupException(options.name() + " cannot listen on " + where + ": " + e.getMessage(), e);
        }
    }

    public Listener listener() {
        return listener;
    }

    /** Connections open right now. */
    public int activeConnections() {
        return connections.size();
    }

    public void stopAccepting() {
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Waits up to {@code grace} for in-flight commands, then says goodbye to every connection and closes it. */
    public void close(Duration grace) {
        stopAccepting();
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && connections.stream().anyMatch(ProtocolServer::busy)) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        byte[] goodbye = options.goodbye().getBytes(StandardCharsets.UTF_8);
        for (Channel ch : connections) {
            if (ch.isActive() && goodbye.length > 0) {
                ch.writeAndFlush(Unpooled.wrappedBuffer(goodbye)).addListener(ChannelFutureListener.CLOSE);
            } else {
                ch.close();
            }
        }
        connections.newCloseFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    private static boolean busy(Channel ch) {
        Connection c = Connection.of(ch);
        return c != null && c.busy();
    }

    /** Counts, limits and logs connections; shared by all connections of one listener. */
    @ChannelHandler.Sharable
    private static final class Tracker extends ChannelInboundHandlerAdapter {
        private final Options options;
        private final ChannelGroup connections;
        private final AtomicInteger active = new AtomicInteger();
        private final Counter opened;
        private final Counter refused;

        Tracker(Options options, ChannelGroup connections, MeterRegistry metrics) {
            this.options = options;
            this.connections = connections;
            Gauge.builder("gannet.connections.active", active, AtomicInteger::get)
                    .tag("listener", options.name()).description("open client connections").register(metrics);
            this.opened = Counter.builder("gannet.connections.opened").tag("listener", options.name())
                    .description("client connections accepted").register(metrics);
            this.refused = Counter.builder("gannet.connections.refused").tag("listener", options.name())
                    .description("client connections refused over the limit").register(metrics);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Connection connection = Connection.of(ctx.channel());
            withSession(connection, () -> {
                if (active.incrementAndGet() > options.maxConnections()) {
                    active.decrementAndGet();
                    refused.increment();
                    log.warn("{} connection from {} refused: {} connections open", options.name(),
                            connection.remote(), options.maxConnections());
                    ctx.pipeline().remove(this);
                    ctx.writeAndFlush(Unpooled.copiedBuffer(options.refusal(), StandardCharsets.UTF_8))
                            .addListener(ChannelFutureListener.CLOSE);
                    return;
                }
                opened.increment();
                connections.add(ctx.channel());
                log.info("{} connection from {}", options.name(), connection.remote());
                ctx.fireChannelActive();
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Connection connection = Connection.of(ctx.channel());
            active.decrementAndGet();
            withSession(connection, () -> log.info("{} connection from {} closed after {} ms", options.name(),
                    connection.remote(), connection.ageMillis()));
            ctx.fireChannelInactive();
        }
    }

    private static final ChannelHandler LAST_RESORT = new LastResort();

    /** Logs what no protocol handler dealt with, and closes the connection: never a silent failure. */
    @ChannelHandler.Sharable
    private static final class LastResort extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Connection connection = Connection.of(ctx.channel());
            withSession(connection, () -> ConnectionErrors.log(log, cause));
            ctx.close();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            io.netty.util.ReferenceCountUtil.release(msg);
        }
    }

    /** Runs {@code body} with the connection's session id in the logging context. */
    public static void withSession(Connection connection, Runnable body) {
        String previous = MDC.get("session");
        MDC.put("session", connection == null ? "-" : connection.sessionId());
        try {
            body.run();
        } finally {
            if (previous == null) {
                MDC.remove("session");
            } else {
                MDC.put("session", previous);
            }
        }
    }
}
