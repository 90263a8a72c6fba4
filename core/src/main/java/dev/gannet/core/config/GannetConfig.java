package dev.gannet.core.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A complete, validated configuration: every key of {@link Settings} has a value (its default unless a
 * source set it). Immutable; {@link #with} returns a changed copy, which is how tests and the harness
 * adjust a configuration.
 */
public final class GannetConfig {

    private final Map<String, Object> values;

    GannetConfig(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    /** The built-in defaults. */
    public static GannetConfig defaults() {
        Map<String, Object> values = new HashMap<>();
        for (Setting<?> s : Settings.all()) {
            values.put(s.key(), s.defaultValue());
        }
        return new GannetConfig(values);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        Object v = values.get(setting.key());
        if (v == null) {
            throw new IllegalArgumentException("unknown setting " + setting.key());
        }
        return (T) v;
    }

    public <T> GannetConfig with(Setting<T> setting, T value) {
        Objects.requireNonNull(value, setting.key());
        if (Settings.byKey(setting.key()) != setting) {
            throw new IllegalArgumentException("unknown setting " + setting.key());
        }
        Map<String, Object> copy = new HashMap<>(values);
        copy.put(setting.key(), value);
        return new GannetConfig(copy);
    }

    /** {@link Settings#HOSTNAME}, or the machine's host name when that is empty. */
    public String hostname() {
        String configured = get(Settings.HOSTNAME);
        if (!configured.isBlank()) {
            return configured.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    public Path dataDir() {
        return Path.of(get(Settings.STORE_DATA_DIR));
    }

    public boolean runs(String role) {
        return get(Settings.ROLES).contains(role);
    }

    Map<String, Object> valuesForLoader() {
        return values;
    }

    /** Every key with its value, secrets masked; safe to log. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "GannetConfig{", "}");
        for (Setting<?> s : Settings.all()) {
            j.add(s.key() + "=" + display(s));
        }
        return j.toString();
    }

    private <T> String display(Setting<T> s) {
        return s.display(get(s));
    }
}
