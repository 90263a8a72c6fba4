package dev.gannet.core.config;

import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link GannetConfig} from its sources in order of precedence: built-in defaults, then the
 * TOML file, then {@code GANNET_*} environment variables, then {@code --set key=value} arguments. Every
 * source is checked against {@link Settings}: an unknown key or a bad value is a {@link ConfigException}
 * naming the key and the source.
 */
public final class ConfigLoader {

    private static final String ENV_PREFIX = "GANNET_";

    private ConfigLoader() {
    }

    public static GannetConfig load(Optional<Path> file, Map<String, String> environment, List<String> sets) {
        Map<String, Object> values = new HashMap<>(GannetConfig.defaults().valuesForLoader());
        file.ifPresent(f -> readFile(f, values));
        readEnvironment(environment, values);
        for (String set : sets) {
            readSet(set, values);
        }
        return new GannetConfig(values);
    }

    private static void readFile(Path file, Map<String, Object> values) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + describe(e), e);
        }
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            TomlParseError first = toml.errors().get(0);
            throw new ConfigException(file + ":" + first.position().line() + ": " + first.getMessage());
        }
        for (String key : toml.dottedKeySet()) {
            Object raw = toml.get(List.of(key.split("\\.")));
            if (raw instanceof TomlTable) {
                continue;
            }
            Setting<?> setting = Settings.byKey(key);
            String where = file + ":" + line(toml.inputPositionOf(key));
            if (setting == null) {
                throw new ConfigException(where + ": unknown key " + key + hint(key));
            }
            Object plain = raw instanceof TomlArray array ? array.toList() : raw;
            try {
                values.put(key, setting.type().fromToml(plain));
            } catch (SettingType.InvalidValueException e) {
                throw new ConfigException(where + ": " + key + ": "
                        + (setting.secret() ? "expected a string (value not shown: it is a secret)" : e.getMessage()));
            }
        }
    }

    private static void readEnvironment(Map<String, String> environment, Map<String, Object> values) {
        for (Map.Entry<String, String> e : environment.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(ENV_PREFIX)) {
                continue;
            }
            Setting<?> setting = Settings.all().stream()
                    .filter(s -> normalise(s.environmentName()).equals(normalise(name)))
                    .findFirst()
                    .orElseThrow(() -> new ConfigException("environment variable " + name
                            + " names no setting (GANNET_IMAP_PORT sets imap.port)"));
            put(setting, e.getValue(), "environment variable " + name, values);
        }
    }

    private static void readSet(String set, Map<String, Object> values) {
        int eq = set.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("--set " + set + ": expected key=value");
        }
        String key = set.substring(0, eq).trim();
        Setting<?> setting = Settings.byKey(key);
        if (setting == null) {
            throw new ConfigException("--set: unknown key " + key + hint(key));
        }
        put(setting, set.substring(eq + 1), "--set", values);
    }

    private static void put(Setting<?> setting, String text, String source, Map<String, Object> values) {
        try {
            values.put(setting.key(), setting.type().fromText(text));
        } catch (SettingType.InvalidValueException e) {
            throw new ConfigException(source + ": " + setting.key() + ": "
                    + (setting.secret() ? "bad value (not shown: it is a secret)" : e.getMessage()));
        }
    }

    private static String normalise(String envName) {
        return envName.replace("_", "").toUpperCase(Locale.ROOT);
    }

    /** Suggests the key that differs only in case, the commonest typo. */
    private static String hint(String key) {
        return Settings.all().stream()
                .filter(s -> s.key().equalsIgnoreCase(key))
                .findFirst()
                .map(s -> " (did you mean " + s.key() + "?)")
                .orElse("");
    }

    private static int line(TomlPosition position) {
        return position == null ? 0 : position.line();
    }

    private static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        return switch (name) {
            case "NoSuchFileException" -> "no such file";
            case "AccessDeniedException" -> "permission denied";
            default -> e.getMessage() == null ? name : e.getMessage();
        };
    }
}
