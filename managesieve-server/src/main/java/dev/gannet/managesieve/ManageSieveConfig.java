package dev.gannet.managesieve;

import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;

import java.time.Duration;

/**
 * The {@code managesieve.*} options of {@code config/default.toml}, read once when the role starts (RFC 5804
 * §2.1 for refusing PLAIN without TLS, §1.4 QUOTA/MAXSIZE for the script size).
 */
public record ManageSieveConfig(String host, int port, int maxConnections, int maxLineLength, int maxScriptSize,
        Duration idleTimeout, boolean allowPlaintextAuth, Duration authFailureDelay, int authFailureLimit) {

    public static ManageSieveConfig from(GannetConfig c) {
        return new ManageSieveConfig(c.get(Settings.MANAGESIEVE_HOST), c.get(Settings.MANAGESIEVE_PORT),
                c.get(Settings.MANAGESIEVE_MAX_CONNECTIONS), c.get(Settings.MANAGESIEVE_MAX_LINE_LENGTH),
                maxScriptSize(c), c.get(Settings.MANAGESIEVE_IDLE_TIMEOUT),
                c.get(Settings.MANAGESIEVE_ALLOW_PLAINTEXT_AUTH), c.get(Settings.MANAGESIEVE_AUTH_FAILURE_DELAY),
                c.get(Settings.MANAGESIEVE_AUTH_FAILURE_LIMIT));
    }

    /** {@code managesieve.maxScriptSize}, capped at 1 GiB (a script is held in memory and in one document). */
    public static int maxScriptSize(GannetConfig c) {
        return (int) Math.min(c.get(Settings.MANAGESIEVE_MAX_SCRIPT_SIZE), 1L << 30);
    }
}
