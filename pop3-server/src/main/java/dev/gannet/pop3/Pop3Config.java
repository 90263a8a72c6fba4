package dev.gannet.pop3;

import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;

import java.time.Duration;

/**
 * The POP3 options of {@code config/default.toml}, read once when the role starts (RFC 1939 §3 for the
 * autologout, RFC 2595 §3.1 for refusing plaintext logins without TLS).
 *
 * @param maxMessages show only this many newest INBOX messages; 0 = all
 * @param moveToTrash on QUIT, move DELE'd messages to Trash instead of expunging them
 */
public record Pop3Config(String host, int port, int tlsPort, int maxConnections, boolean allowPlaintextAuth,
        int maxLineLength, Duration idleTimeout, int maxMessages, boolean moveToTrash, boolean markSeen,
        Duration lockLease, Duration authFailureDelay, int authFailureLimit) {

    public static Pop3Config from(GannetConfig c) {
        return new Pop3Config(c.get(Settings.POP3_HOST), c.get(Settings.POP3_PORT), c.get(Settings.POP3_TLS_PORT),
                c.get(Settings.POP3_MAX_CONNECTIONS), c.get(Settings.POP3_ALLOW_PLAINTEXT_AUTH),
                c.get(Settings.POP3_MAX_LINE_LENGTH), c.get(Settings.POP3_IDLE_TIMEOUT),
                c.get(Settings.POP3_MAX_MESSAGES), c.get(Settings.POP3_DELETE_ACTION).equals("trash"),
                c.get(Settings.POP3_MARK_SEEN), c.get(Settings.POP3_LOCK_LEASE),
                c.get(Settings.POP3_AUTH_FAILURE_DELAY), c.get(Settings.POP3_AUTH_FAILURE_LIMIT));
    }
}
