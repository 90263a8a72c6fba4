package dev.gannet.delivery.outbound;

import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Where and how the sender reaches its relay ({@code outbound.*}). The password is never shown by
 * {@link #toString()}.
 */
public record RelayConfig(String host, int port, StartTls startTls, String caFile, String username, String password,
        Duration timeout, String heloName) {

    /** {@code outbound.starttls}. */
    public enum StartTls { REQUIRED, OPPORTUNISTIC, OFF }

    /** The relay as configured, or empty when {@code outbound.relay} is not set. */
    public static Optional<RelayConfig> from(GannetConfig config, String nodeHostname) {
        String relay = config.get(Settings.OUTBOUND_RELAY).trim();
        if (relay.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(relay);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("outbound.relay: expected smtp://host:port, got " + relay);
        }
        if (!"smtp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("outbound.relay: expected smtp://host:port, got " + relay);
        }
        String helo = config.get(Settings.OUTBOUND_HOSTNAME);
        return Optional.of(new RelayConfig(uri.getHost(), uri.getPort() < 0 ? 25 : uri.getPort(),
                StartTls.valueOf(config.get(Settings.OUTBOUND_STARTTLS).toUpperCase(Locale.ROOT)),
                config.get(Settings.OUTBOUND_CA_FILE), config.get(Settings.OUTBOUND_USERNAME),
                config.get(Settings.OUTBOUND_PASSWORD), config.get(Settings.OUTBOUND_TIMEOUT),
                helo.isBlank() ? nodeHostname : helo));
    }

    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "RelayConfig[" + address() + ", starttls=" + startTls + ", user=" + username
                + (password.isEmpty() ? "" : ", password=***") + "]";
    }
}
