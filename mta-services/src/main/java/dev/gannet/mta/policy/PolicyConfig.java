package dev.gannet.mta.policy;

import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;

import java.time.Duration;

/**
 * The {@code policy.*} options of {@code config/default.toml}, read once when the role starts, and
 * {@code lmtp.overQuotaTemporary}, so the policy refuses a full mailbox with the same code LMTP's RCPT would.
 */
public record PolicyConfig(String host, int port, int maxConnections, int maxLineLength, int maxAttributes,
        Duration idleTimeout, Duration lookupTimeout, boolean overQuotaTemporary) {

    public static PolicyConfig from(GannetConfig c) {
        return new PolicyConfig(c.get(Settings.POLICY_HOST), c.get(Settings.POLICY_PORT),
                c.get(Settings.POLICY_MAX_CONNECTIONS), c.get(Settings.POLICY_MAX_LINE_LENGTH),
                c.get(Settings.POLICY_MAX_ATTRIBUTES), c.get(Settings.POLICY_IDLE_TIMEOUT),
                c.get(Settings.POLICY_LOOKUP_TIMEOUT), c.get(Settings.LMTP_OVER_QUOTA_TEMPORARY));
    }
}
