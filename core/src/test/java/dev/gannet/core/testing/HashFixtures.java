package dev.gannet.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The password hashes made by WildDuck's own hashing packages from npm ({@code auth/wildduck-hashes.json};
 * {@code auth/wildduck-hashes.md} says how). Read with a small pattern rather than a JSON library, which
 * core's tests do not have: the file is a flat array of objects with three string fields.
 */
public final class HashFixtures {

    /** One fixture; {@code toString()} shows the scheme only. */
    public record Fixture(String scheme, String password, String hash) {
        @Override
        public String toString() {
            return scheme;
        }
    }

    private static final Pattern ENTRY = Pattern.compile(
            "\\{\\s*\"scheme\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\",\\s*\"password\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\","
                    + "\\s*\"hash\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*}");

    private HashFixtures() {
    }

    public static List<Fixture> all() {
        String text;
        try (InputStream in = HashFixtures.class.getResourceAsStream("/auth/wildduck-hashes.json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Fixture> out = new ArrayList<>();
        Matcher m = ENTRY.matcher(text);
        while (m.find()) {
            out.add(new Fixture(unescape(m.group(1)), unescape(m.group(2)), unescape(m.group(3))));
        }
        if (out.size() < 10) {
            throw new IllegalStateException("wildduck-hashes.json has only " + out.size() + " entries");
        }
        return out;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                default -> b.append(e);
            }
        }
        return b.toString();
    }
}
