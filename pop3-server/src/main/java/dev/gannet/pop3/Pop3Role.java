package dev.gannet.pop3;

import dev.gannet.core.net.ProtocolRole;
import dev.gannet.core.net.ProtocolServer;
import dev.gannet.core.node.NodeContext;
import dev.gannet.core.node.Role;
import dev.gannet.core.node.RunningRole;
import dev.gannet.pop3.protocol.Pop3LineDecoder;
import dev.gannet.pop3.session.Pop3Handler;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The {@code pop3} role: a listener with STLS on {@code pop3.port} (RFC 1939, RFC 2595 §4) and one with
 * implicit TLS on {@code pop3.tlsPort} (RFC 8314 §3.3), each connection running the line decoder, the
 * autologout timer and a {@link Pop3Handler}.
 */
public final class Pop3Role implements Role {

    static final String REFUSAL = "-ERR [SYS/TEMP] too many connections, try again later\r\n";
    static final String GOODBYE = "-ERR [SYS/TEMP] server shutting down\r\n";

    @Override
    public String name() {
        return "pop3";
    }

    @Override
    public RunningRole start(NodeContext context) {
        Pop3Config config = Pop3Config.from(context.config());
        List<Supplier<ProtocolServer>> binders = new ArrayList<>();
        if (config.port() >= 0) {
            binders.add(() -> bind(context, config, "pop3", config.port(), false));
        }
        if (config.tlsPort() >= 0) {
            binders.add(() -> bind(context, config, "pop3s", config.tlsPort(), true));
        }
        return ProtocolRole.bindAll(binders);
    }

    private static ProtocolServer bind(NodeContext context, Pop3Config config, String name, int port, boolean tls) {
        ProtocolServer.Options options = new ProtocolServer.Options(name, config.host(), port, tls,
                config.maxConnections(), REFUSAL, GOODBYE);
        return ProtocolServer.bind(context, options, ch -> ch.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast("lines", new Pop3LineDecoder(config.maxLineLength()))
                .addLast("pop3", new Pop3Handler(context, config)));
    }
}
