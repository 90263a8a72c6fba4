package dev.gannet.mta.socketmap;

import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;

import java.time.Duration;

/** The {@code socketmap.*} options of {@code config/default.toml}, read once when the role starts. */
public record SocketmapConfig(String host, int port, int maxConnections, int maxRequestLength, Duration idleTimeout,
        Duration lookupTimeout) {

    public static SocketmapConfig from(GannetConfig c) {
        return new SocketmapConfig(c.get(Settings.SOCKETMAP_HOST), c.get(Settings.SOCKETMAP_PORT),
                c.get(Settings.SOCKETMAP_MAX_CONNECTIONS), c.get(Settings.SOCKETMAP_MAX_REQUEST_LENGTH),
                c.get(Settings.SOCKETMAP_IDLE_TIMEOUT), c.get(Settings.SOCKETMAP_LOOKUP_TIMEOUT));
    }
}
