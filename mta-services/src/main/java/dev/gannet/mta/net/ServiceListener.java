package dev.gannet.mta.net;

import dev.gannet.core.net.ProtocolRole;
import dev.gannet.core.net.ProtocolServer;
import dev.gannet.core.node.NodeContext;
import dev.gannet.core.node.RunningRole;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one plain-TCP listener each MTA service role runs: the node's {@link ProtocolServer} (connection limit,
 * session ids, logs, graceful stop; no goodbye, since neither protocol has one), then the idle timer, then the
 * service's decoder and handler.
 */
public final class ServiceListener {

    private ServiceListener() {
    }

    /** Binds {@code name} on {@code host:port}; {@code refusal} goes to a connection over {@code maxConnections}. */
    public static RunningRole start(NodeContext context, String name, String host, int port, int maxConnections,
            String refusal, Duration idleTimeout, Consumer<ChannelPipeline> handlers) {
        ProtocolServer.Options options = new ProtocolServer.Options(name, host, port, false, maxConnections, refusal, "");
        return ProtocolRole.bindAll(List.of(() -> ProtocolServer.bind(context, options, ch -> {
            ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS));
            handlers.accept(ch.pipeline());
        })));
    }
}
