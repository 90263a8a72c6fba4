package dev.gannet.managesieve;

import dev.gannet.core.net.ProtocolRole;
import dev.gannet.core.net.ProtocolServer;
import dev.gannet.core.node.NodeContext;
import dev.gannet.core.node.Role;
import dev.gannet.core.node.RunningRole;
import dev.gannet.managesieve.protocol.Responses;
import dev.gannet.managesieve.protocol.SieveDecoder;
import dev.gannet.managesieve.session.SieveHandler;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The {@code managesieve} role: one listener on {@code managesieve.port} (RFC 5804 §1.8, 4190) with STARTTLS,
 * each connection running the idle timer, the {@link SieveDecoder} and a {@link SieveHandler}.
 */
public final class ManageSieveRole implements Role {

    static final String REFUSAL = Responses.bye("TRYLATER", "too many connections, try again later");
    static final String GOODBYE = Responses.bye("TRYLATER", "server shutting down");

    @Override
    public String name() {
        return "managesieve";
    }

    @Override
    public RunningRole start(NodeContext context) {
        ManageSieveConfig config = ManageSieveConfig.from(context.config());
        List<Supplier<ProtocolServer>> binders = new ArrayList<>();
        if (config.port() >= 0) {
            binders.add(() -> ProtocolServer.bind(context, new ProtocolServer.Options("managesieve", config.host(),
                    config.port(), false, config.maxConnections(), REFUSAL, GOODBYE), ch -> ch.pipeline()
                    .addLast("idle", new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                    .addLast("sieve-decoder", new SieveDecoder(config.maxLineLength(), config.maxScriptSize()))
                    .addLast("managesieve", new SieveHandler(context, config))));
        }
        return ProtocolRole.bindAll(binders);
    }
}
