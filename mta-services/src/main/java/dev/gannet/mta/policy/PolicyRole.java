package dev.gannet.mta.policy;

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
 * The {@code policy} role: one listener on {@code policy.port} speaking Postfix's SMTP access policy delegation
 * protocol (SMTPD_POLICY_README), each connection running the idle timer, the {@link PolicyDecoder} and a
 * {@link PolicyHandler}.
 */
public final class PolicyRole implements Role {

    @Override
    public String name() {
        return "policy";
    }

    @Override
    public RunningRole start(NodeContext context) {
        PolicyConfig config = PolicyConfig.from(context.config());
        String refusal = PolicyHandler.reply(PolicyHandler.UNAVAILABLE);
        Supplier<ProtocolServer> binder = () -> ProtocolServer.bind(context, new ProtocolServer.Options("policy",
                config.host(), config.port(), false, config.maxConnections(), refusal, ""), ch -> ch.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast("policy-decoder", new PolicyDecoder(config.maxLineLength(), config.maxAttributes()))
                .addLast("policy", new PolicyHandler(context, config)));
        return ProtocolRole.bindAll(List.of(binder));
    }
}
