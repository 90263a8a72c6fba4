package dev.gannet.lmtp;

import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The LMTP server's limits and choices, read once from configuration (STYLE.md habit 8: every limit comes
 * from config and is enforced before memory is spent).
 *
 * @param spoolDir where bodies larger than {@code spoolThreshold} are written while they arrive
 */
public record LmtpOptions(String hostname, long maxMessageSize, int maxRecipients, int maxLineLength,
        Duration idleTimeout, int maxConnections, Duration storeTimeout, long spoolThreshold, Path spoolDir, boolean overQuotaTemporary,
        List<String> spamHeaders) {

    public LmtpOptions {
        spamHeaders = List.copyOf(spamHeaders);
    }

    public static LmtpOptions from(GannetConfig config, String hostname) {
        return new LmtpOptions(hostname,
                config.get(Settings.LMTP_MAX_MESSAGE_SIZE),
                config.get(Settings.LMTP_MAX_RECIPIENTS),
                config.get(Settings.LMTP_MAX_LINE_LENGTH),
                config.get(Settings.LMTP_IDLE_TIMEOUT),
                config.get(Settings.LMTP_MAX_CONNECTIONS),
                config.get(Settings.LMTP_STORE_TIMEOUT),
                config.get(Settings.LMTP_SPOOL_THRESHOLD),
                config.dataDir().resolve("lmtp-spool"),
                config.get(Settings.LMTP_OVER_QUOTA_TEMPORARY),
                config.get(Settings.LMTP_SPAM_HEADERS));
    }
}
