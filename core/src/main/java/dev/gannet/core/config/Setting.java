package dev.gannet.core.config;

import java.util.List;
import java.util.Objects;

/**
 * One configuration key: its dotted name, type, built-in default and the one-line description that
 * {@code config/default.toml} carries. Values arrive either typed (from TOML) or as text (from the
 * environment and {@code --set}); both go through the same {@link SettingType} so that every source
 * is validated alike.
 *
 * @param key dotted name, e.g. {@code imap.port}
 * @param type how values are parsed, validated and rendered
 * @param defaultValue the built-in default
 * @param description one line for default.toml
 * @param secret true when the value must never be printed (tokens, passwords)
 */
public record Setting<T>(String key, SettingType<T> type, T defaultValue, String description, boolean secret) {

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        if (!key.matches("[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)*")) {
            throw new IllegalArgumentException("bad setting key " + key);
        }
        if (description.contains("\n")) {
            throw new IllegalArgumentException("description of " + key + " must be one line");
        }
    }

    public static Setting<String> string(String key, String defaultValue, String description) {
        return new Setting<>(key, SettingType.STRING, defaultValue, description, false);
    }

    public static Setting<String> secret(String key, String description) {
        return new Setting<>(key, SettingType.STRING, "", description, true);
    }

    public static Setting<Integer> port(String key, int defaultValue, String description) {
        return new Setting<>(key, SettingType.PORT, defaultValue, description, false);
    }

    public static Setting<Integer> optionalPort(String key, int defaultValue, String description) {
        return new Setting<>(key, SettingType.OPTIONAL_PORT, defaultValue, description, false);
    }

    public static Setting<Integer> integer(String key, int min, int max, int defaultValue, String description) {
        return new Setting<>(key, SettingType.integer(min, max), defaultValue, description, false);
    }

    public static Setting<Boolean> bool(String key, boolean defaultValue, String description) {
        return new Setting<>(key, SettingType.BOOLEAN, defaultValue, description, false);
    }

    public static Setting<List<String>> list(String key, List<String> allowed, List<String> defaultValue,
            String description) {
        return new Setting<>(key, SettingType.listOf(allowed), List.copyOf(defaultValue), description, false);
    }

    public static <T> Setting<T> of(String key, SettingType<T> type, T defaultValue, String description) {
        return new Setting<>(key, type, defaultValue, description, false);
    }

    /** The environment variable that sets this key: {@code imap.tlsPort} → {@code GANNET_IMAP_TLS_PORT}. */
    public String environmentName() {
        StringBuilder sb = new StringBuilder("GANNET_");
        for (char c : key.toCharArray()) {
            if (c == '.') {
                sb.append('_');
            } else if (Character.isUpperCase(c)) {
                sb.append('_').append(c);
            } else {
                sb.append(Character.toUpperCase(c));
            }
        }
        return sb.toString();
    }

    /** The value as it is safe to show: secrets are masked. */
    public String display(T value) {
        if (secret) {
            return value.toString().isEmpty() ? "\"\"" : "\"***\"";
        }
        return type.toToml(value);
    }
}
