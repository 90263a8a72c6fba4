package dev.gannet.imap.session;

import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import dev.gannet.imap.codec.CodecLimits;

import java.nio.file.Path;
import java.time.Duration;

/** The IMAP settings of {@link Settings}, read once when the role starts. */
public record ImapOptions(int maxLineLength, long appendLimit, Duration autologout, Duration idleKeepalive,
        Duration authFailureDelay, int authFailureLimit, Duration authFailureWindow, boolean allowPlaintextAuth,
        int maxConnectionsPerUser, Path spoolDir, long metadataMaxSize, int metadataMaxEntries, boolean literalPlus,
        int appendMaxLiterals, long appendMaxBytes) {

    public static ImapOptions from(GannetConfig config) {
        long appendLimit = Math.min(config.get(Settings.IMAP_APPEND_LIMIT), config.get(Settings.STORE_MAX_MESSAGE_BYTES));
        return new ImapOptions(config.get(Settings.IMAP_MAX_LINE_LENGTH), appendLimit,
                config.get(Settings.IMAP_AUTOLOGOUT), config.get(Settings.IMAP_IDLE_KEEPALIVE),
                config.get(Settings.IMAP_AUTH_FAILURE_DELAY), config.get(Settings.IMAP_AUTH_FAILURE_LIMIT),
                config.get(Settings.IMAP_AUTH_FAILURE_WINDOW), config.get(Settings.IMAP_ALLOW_PLAINTEXT_AUTH),
                config.get(Settings.IMAP_MAX_CONNECTIONS_PER_USER), config.dataDir().resolve("spool").resolve("imap"),
                config.get(Settings.IMAP_METADATA_MAX_SIZE), config.get(Settings.IMAP_METADATA_MAX_ENTRIES),
                config.get(Settings.IMAP_LITERAL_PLUS), config.get(Settings.IMAP_APPEND_MAX_LITERALS),
                config.get(Settings.IMAP_APPEND_MAX_BYTES));
    }

    public CodecLimits codecLimits() {
        return new CodecLimits(maxLineLength, appendLimit, 256 * 1024, spoolDir, literalPlus, appendMaxLiterals,
                appendMaxBytes);
    }
}
