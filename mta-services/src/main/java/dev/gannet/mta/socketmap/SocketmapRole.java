package dev.gannet.mta.socketmap;

import dev.gannet.core.node.NodeContext;
import dev.gannet.core.node.Role;
import dev.gannet.core.node.RunningRole;
import dev.gannet.mta.net.ServiceListener;

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
        return ServiceListener.start(context, "socketmap", config.host(), config.port(), config.maxConnections(),
                SocketmapHandler.netstring("TEMP too many connections"), config.idleTimeout(), p -> p
                        .addLast("netstring", new NetstringDecoder(config.maxRequestLength()))
                        .addLast("socketmap", new SocketmapHandler(context, config)));
    }
}
