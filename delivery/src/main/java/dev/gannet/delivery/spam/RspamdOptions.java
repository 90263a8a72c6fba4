package dev.gannet.delivery.spam;

import dev.gannet.core.config.ConfigException;
import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code rspamd.*} settings: where rspamd listens, how long to wait for it, which of its actions mean spam and
 * the largest message worth sending. The password is hidden from {@link #toString()}.
 *
 * @param checkUri the {@code /checkv2} endpoint under {@code rspamd.url}
 * @param password rspamd's {@code Password} header, empty for none
 */
public record RspamdOptions(URI checkUri, Duration timeout, String password, Set<String> spamActions, long maxScanSize) {

    public RspamdOptions {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new ConfigException("rspamd.timeout must be more than 0");
        }
        spamActions = Set.copyOf(spamActions);
    }

    /** The configured check, or empty when {@code rspamd.enabled} is false. */
    public static Optional<RspamdOptions> from(GannetConfig config) {
        if (!config.get(Settings.RSPAMD_ENABLED)) {
            return Optional.empty();
        }
        return Optional.of(new RspamdOptions(checkUri(config.get(Settings.RSPAMD_URL)), config.get(Settings.RSPAMD_TIMEOUT),
                config.get(Settings.RSPAMD_PASSWORD), Set.copyOf(config.get(Settings.RSPAMD_SPAM_ACTIONS)),
                config.get(Settings.RSPAMD_MAX_SCAN_SIZE)));
    }

    /** {@code base} with {@code /checkv2} appended to its path; only http and https, never credentials in it. */
    static URI checkUri(String base) {
        URI uri;
        try {
            uri = new URI(base.strip());
        } catch (URISyntaxException e) {
            throw new ConfigException("rspamd.url is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new ConfigException("rspamd.url must be http://host[:port] or https://host[:port]");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ConfigException("rspamd.url must not hold a user or password; set rspamd.password instead");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException("rspamd.url must not have a query or fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path + "/checkv2");
    }

    @Override
    public String toString() {
        return "RspamdOptions[" + checkUri + ", timeout=" + timeout + ", password=" + (password.isEmpty() ? "none" : "***")
                + ", spamActions=" + spamActions + ", maxScanSize=" + maxScanSize + "]";
    }
}
