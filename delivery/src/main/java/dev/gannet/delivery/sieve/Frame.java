package dev.gannet.delivery.sieve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The variables of one running script (RFC 5229): its own names, the names it declared {@code global}
 * (RFC 6609 §3.3, shared through {@code globals} with the scripts it includes), and the match variables of the
 * last successful :matches or :regex. Interpolation happens only in scripts that require "variables".
 */
final class Frame {

    final SieveScript script;
    final boolean variables;
    private final Map<String, String> locals = new HashMap<>();
    private final Map<String, String> globals;
    private final Set<String> globalNames = new HashSet<>();
    final List<String> captures = new ArrayList<>();
    private final int maxLength;

    Frame(SieveScript script, Map<String, String> globals, int maxLength) {
        this.script = script;
        this.variables = script.capabilities().contains("variables");
        this.globals = globals;
        this.maxLength = maxLength;
    }

    void declareGlobal(String name) {
        globalNames.add(name.toLowerCase(Locale.ROOT));
    }

    String get(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("global.")) {
            return globals.getOrDefault(n.substring(7), "");
        }
        return (globalNames.contains(n) ? globals : locals).getOrDefault(n, "");
    }

    void set(String name, String value) {
        String n = name.toLowerCase(Locale.ROOT);
        if (value.length() > maxLength) {
            value = value.substring(0, maxLength);
        }
        if (n.startsWith("global.")) {
            globals.put(n.substring(7), value);
        } else {
            (globalNames.contains(n) ? globals : locals).put(n, value);
        }
    }

    static boolean validName(String n) {
        return n.matches("(?i)(global\\.)?[a-z_][a-z0-9_]*");
    }

    /** Replaces ${name}, ${N} and, with encoded-character, ${hex:..} / ${unicode:..}; an invalid reference stays as written. */
    String expand(String s) {
        boolean encoded = script.capabilities().contains("encoded-character");
        if ((!variables && !encoded) || !s.contains("${")) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int start = s.indexOf("${", i);
            int end = start < 0 ? -1 : s.indexOf('}', start + 2);
            if (start < 0 || end < 0) {
                b.append(s, i, s.length());
                break;
            }
            b.append(s, i, start);
            String ref = s.substring(start + 2, end);
            String value = resolve(ref, encoded);
            if (value == null) {
                b.append("${");
                i = start + 2;
            } else {
                b.append(value);
                i = end + 1;
            }
            if (b.length() > maxLength) {
                b.setLength(maxLength);
                break;
            }
        }
        return b.toString();
    }

    private String resolve(String ref, boolean encoded) {
        String lower = ref.toLowerCase(Locale.ROOT);
        if (encoded && (lower.startsWith("hex:") || lower.startsWith("unicode:"))) {
            return decode(lower);
        }
        if (!variables) {
            return null;
        }
        if (ref.matches("[0-9]+")) {
            int n = ref.length() > 2 ? 99 : Integer.parseInt(ref);
            return n < captures.size() ? captures.get(n) : "";
        }
        return validName(ref) ? get(ref) : null;
    }

    private static String decode(String ref) {
        boolean hex = ref.startsWith("hex:");
        String[] parts = ref.substring(hex ? 4 : 8).trim().split("\\s+");
        StringBuilder b = new StringBuilder();
        try {
            if (hex) {
                byte[] bytes = new byte[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    bytes[i] = (byte) Integer.parseInt(parts[i], 16);
                }
                return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            }
            for (String p : parts) {
                b.appendCodePoint(Integer.parseInt(p, 16));
            }
            return b.toString();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
