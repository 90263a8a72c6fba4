package dev.gannet.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code config/default.toml} from {@link Settings}: every key with its default and its
 * one-line description, grouped into TOML tables by the part of the key before the dot. A test keeps
 * the committed file equal to this rendering, so the documentation cannot drift from the code.
 */
public final class DefaultConfigFile {

    private DefaultConfigFile() {
    }

    public static String render() {
        StringBuilder out = new StringBuilder();
        out.append("# Gannet configuration: every key, with its built-in default.\n");
        out.append("# Copy the lines you change into your own file and start Gannet with --config FILE.\n");
        out.append("# Precedence: built-in defaults < this file < environment (GANNET_IMAP_PORT sets imap.port)\n");
        out.append("# < command line (--set imap.port=1143). An unknown key or a bad value stops startup.\n");
        out.append("# Generated from core/src/main/java/dev/gannet/core/config/Settings.java; a test keeps them equal.\n");
        Map<String, List<Setting<?>>> tables = new LinkedHashMap<>();
        for (Setting<?> s : Settings.all()) {
            int dot = s.key().indexOf('.');
            String table = dot < 0 ? "" : s.key().substring(0, dot);
            tables.computeIfAbsent(table, t -> new ArrayList<>()).add(s);
        }
        for (Map.Entry<String, List<Setting<?>>> e : tables.entrySet()) {
            out.append('\n');
            if (!e.getKey().isEmpty()) {
                out.append('[').append(e.getKey()).append("]\n");
            }
            for (Setting<?> s : e.getValue()) {
                String name = e.getKey().isEmpty() ? s.key() : s.key().substring(e.getKey().length() + 1);
                out.append("# ").append(s.description()).append('\n');
                out.append(name).append(" = ").append(renderDefault(s)).append('\n');
            }
        }
        return out.toString();
    }

    private static <T> String renderDefault(Setting<T> s) {
        return s.type().toToml(s.defaultValue());
    }
}
