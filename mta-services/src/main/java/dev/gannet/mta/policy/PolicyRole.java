package dev.gannet.mta.policy;

import dev.gannet.core.node.NodeContext;
import dev.gannet.core.node.Role;
import dev.gannet.core.node.RunningRole;
import dev.gannet.mta.net.ServiceListener;

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
        return ServiceListener.start(context, "policy", config.host(), config.port(), config.maxConnections(),
                PolicyHandler.reply(PolicyHandler.UNAVAILABLE), config.idleTimeout(), p -> p
                        .addLast("policy-decoder", new PolicyDecoder(config.maxLineLength(), config.maxAttributes()))
                        .addLast("policy", new PolicyHandler(context, config)));
    }
}
