package dev.gannet.mta.socketmap;

import dev.gannet.core.net.ProtocolRole;
import dev.gannet.core.net.ProtocolServer;
import dev.gannet.core.node.NodeContext;
import dev.gannet.core.node.Role;
import dev.gannet.core.node.RunningRole;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The {@code socketmap} role: one listener on {@code socketmap.port} answering Postfix's socketmap table protocol
 * (socketmap_table(5)), each connection running the idle timer, the {@link NetstringDecoder} and a
 * {@link SocketmapHandler}.
 */
public final class SocketmapRole implements Role {

    @Override
    public String name() {
        return "socketmap";
    }

    @Override
    public RunningRole start(NodeContext context) {
        SocketmapConfig config = SocketmapConfig.from(context.config());
        String refusal = SocketmapHandler.netstring("TEMP too many connections");
        Supplier<ProtocolServer> binder = () -> ProtocolServer.bind(context, new ProtocolServer.Options("socketmap",
                config.host(), config.port(), false, config.maxConnections(), refusal, ""), ch -> ch.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast("netstring", new NetstringDecoder(config.maxRequestLength()))
                .addLast("socketmap", new SocketmapHandler(context, config)));
        return ProtocolRole.bindAll(List.of(binder));
    }
}
