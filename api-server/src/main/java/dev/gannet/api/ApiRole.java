package dev.gannet.api;

import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import dev.gannet.core.node.GannetNode;
import dev.gannet.core.node.Listener;
import dev.gannet.core.node.NodeContext;
import dev.gannet.core.node.Role;
import dev.gannet.core.node.RunningRole;
import io.javalin.Javalin;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The {@code api} role: the REST management API on Javalin. Without a root access token the API is
 * reachable from loopback only, whatever {@code api.host} says, so a fresh install is not an open door.
 */
public final class ApiRole implements Role {

    private static final Logger log = LoggerFactory.getLogger(ApiRole.class);

    @Override
    public String name() {
        return "api";
    }

    @Override
    public RunningRole start(NodeContext context) {
        GannetConfig config = context.config();
        String configuredHost = config.get(Settings.API_HOST);
        boolean open = !config.get(Settings.API_ACCESS_TOKEN).isEmpty() || !config.get(Settings.API_OPERATOR_TOKENS).isEmpty();
        if (!open && !isLoopback(configuredHost)) {
            log.warn("neither api.accessToken nor api.operatorTokens is set: the API listens on 127.0.0.1 only");
        } else if (!open) {
            log.info("api.accessToken is not set: the API is reachable from loopback only, without a token");
        }
        String host = open || isLoopback(configuredHost) ? configuredHost : "127.0.0.1";
        int port = config.get(Settings.API_PORT);
        ApiServer server = new ApiServer(context);
        Javalin app = server.javalin(host, port);
        try {
            app.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        InetSocketAddress bound = new InetSocketAddress(host, app.port());
        return new Running(app, server, new Listener("api", bound));
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("::1") || host.equals("localhost") || host.startsWith("127.");
    }

    private record Running(Javalin app, ApiServer server, Listener listener) implements RunningRole {
        @Override
        public List<Listener> listeners() {
            return List.of(listener);
        }

        @Override
        public void stopAccepting() {
            for (Connector c : app.jettyServer().server().getConnectors()) {
                if (c instanceof NetworkConnector nc) {
                    nc.close();
                }
            }
        }

        @Override
        public void close(Duration grace) {
            try {
                app.jettyServer().server().setStopTimeout(grace.toMillis());
                server.close();
                app.stop();
            } catch (RuntimeException e) {
                GannetNode.LIFECYCLE.warn("api did not stop cleanly: {}", e.toString());
            }
        }
    }
}
