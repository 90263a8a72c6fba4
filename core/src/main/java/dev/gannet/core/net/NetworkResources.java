package dev.gannet.core.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.TimeUnit;

/**
 * The event loops every protocol server of a node shares: one acceptor thread and a worker per core.
 * A connection holds no thread of its own, which is what keeps an idle IMAP connection cheap. NIO only:
 * the native transports' jars do not resolve for this Netty line (EMBEDDED-STORE.md §1).
 */
public final class NetworkResources implements AutoCloseable {

    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;

    private NetworkResources(int workerThreads) {
        this.acceptors = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("gannet-accept", true),
                NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(workerThreads, new DefaultThreadFactory("gannet-io", true),
                NioIoHandler.newFactory());
    }

    /** Event loops with one worker per available processor (at least two). */
    public static NetworkResources create() {
        return new NetworkResources(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    public EventLoopGroup acceptors() {
        return acceptors;
    }

    public EventLoopGroup workers() {
        return workers;
    }

    @Override
    public void close() {
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        acceptors.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
