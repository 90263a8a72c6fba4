package dev.gannet.imap;

import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import dev.gannet.core.net.ProtocolRole;
import dev.gannet.core.net.ProtocolServer;
import dev.gannet.core.node.NodeContext;
import dev.gannet.core.node.Role;
import dev.gannet.core.node.RunningRole;
import dev.gannet.imap.codec.ImapDecoder;
import dev.gannet.imap.session.ImapOptions;
import dev.gannet.imap.session.ImapServer;
import dev.gannet.imap.session.ImapSessionHandler;
import dev.gannet.imap.session.UserConnections;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The {@code imap} role (RFC 3501 §2.1): listener {@code imap} on {@code imap.port} with STARTTLS and
 * listener {@code imaps} on {@code imap.tlsPort} with implicit TLS (RFC 8314 §3.2), either off with -1.
 * Each connection gets an autologout timer, the decoder and a session handler; no thread per connection.
 */
public final class ImapRole implements Role {

    @Override
    public String name() {
        return "imap";
    }

    @Override
    public RunningRole start(NodeContext context) {
        GannetConfig config = context.config();
        ImapOptions options = ImapOptions.from(config);
        ImapServer server = new ImapServer(context, options, new UserConnections(options.maxConnectionsPerUser()));
        String host = config.get(Settings.IMAP_HOST);
        int max = config.get(Settings.IMAP_MAX_CONNECTIONS);
        List<Supplier<ProtocolServer>> binders = new ArrayList<>();
        int port = config.get(Settings.IMAP_PORT);
        if (port >= 0) {
            binders.add(() -> bind(context, server, new ProtocolServer.Options("imap", host, port, false, max,
                    "* BYE Too many connections\r\n", "* BYE Server shutting down\r\n")));
        }
        int tlsPort = config.get(Settings.IMAP_TLS_PORT);
        if (tlsPort >= 0) {
            binders.add(() -> bind(context, server, new ProtocolServer.Options("imaps", host, tlsPort, true, max,
                    "* BYE Too many connections\r\n", "* BYE Server shutting down\r\n")));
        }
        return ProtocolRole.bindAll(binders);
    }

    private static ProtocolServer bind(NodeContext context, ImapServer server, ProtocolServer.Options options) {
        return ProtocolServer.bind(context, options, (SocketChannel ch) -> ch.pipeline()
                .addLast("autologout", new IdleStateHandler(server.options().autologout().toMillis(), 0, 0,
                        TimeUnit.MILLISECONDS))
                .addLast("imap-decoder", new ImapDecoder(server.options().codecLimits()))
                .addLast("imap-session", new ImapSessionHandler(server)));
    }
}
