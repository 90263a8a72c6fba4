package dev.gannet.core.testing.leak;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Greps every log a module's tests wrote for every secret they used ({@code TestSecrets}), and fails
 * when one is there. Logs: the files under {@code target/test-logs/} (the tests' logback writes every
 * logger there, whatever the console shows, and the launcher processes the tests start) and the
 * captured console output {@code target/surefire-reports/*-output.txt}. Secrets: every
 * {@code target/test-secrets/*.txt} of the given module directories (so one module's secrets are looked
 * for in every module's logs). Each secret is looked for in clear (as a whole word: not inside a longer
 * run of letters and digits), as lower- and upper-case hex, and as base64 at each of the three byte
 * alignments it can have inside a longer base64 blob (an AUTH PLAIN response, say).
 *
 * <p>Runs with the JDK alone ({@code java -cp core/target/test-classes ... LogLeakCheck DIR...}), in
 * each module's {@code verify} phase; exit status 1 lists each leak by file, line and form (never the
 * secret itself).
 */
public final class LogLeakCheck {

    /** Where a secret was found. */
    public record Leak(Path file, int line, String secret, String form) {
        @Override
        public String toString() {
            return file + ":" + line + ": a registered secret (" + secret.length() + " characters, "
                    + masked(secret) + ") in " + form;
        }
    }

    private record Needle(String secret, String form, String text, boolean word) {
    }

    private final List<Needle> needles = new ArrayList<>();

    public LogLeakCheck(Set<String> secrets) {
        for (String s : secrets) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            needles.add(new Needle(s, "clear text", s, true));
            String hex = HexFormat.of().formatHex(bytes);
            needles.add(new Needle(s, "hex", hex, false));
            needles.add(new Needle(s, "hex", hex.toUpperCase(java.util.Locale.ROOT), false));
            for (String b64 : base64Forms(bytes)) {
                needles.add(new Needle(s, "base64", b64, false));
            }
        }
    }

    /**
     * The part of the base64 encoding that is the same whatever surrounds the secret, for each of the
     * three offsets (mod 3) it may start at inside a longer encoded value: only whole 3-byte groups of
     * the secret's own bytes are fixed, and forms shorter than 8 characters are left out (they would
     * match by chance).
     */
    static List<String> base64Forms(byte[] secret) {
        List<String> forms = new ArrayList<>();
        for (int offset = 0; offset < 3; offset++) {
            int skip = (3 - offset) % 3; // bytes of the secret that share a group with what precedes it
            int whole = (secret.length - skip) / 3 * 3;
            if (whole <= 0) {
                continue;
            }
            byte[] group = new byte[whole];
            System.arraycopy(secret, skip, group, 0, whole);
            String form = Base64.getEncoder().encodeToString(group);
            if (form.length() >= 8) {
                forms.add(form);
            }
        }
        return forms;
    }

    /** The leaks in one file, line by line. */
    public List<Leak> scan(Path file) throws IOException {
        List<Leak> leaks = new ArrayList<>();
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                for (Needle needle : needles) {
                    if (contains(line, needle)) {
                        leaks.add(new Leak(file, n, needle.secret(), needle.form()));
                    }
                }
            }
        }
        return leaks;
    }

    /** How registered secrets appear in one line ("clear text", "hex", "base64"); empty when clean. */
    public List<String> formsIn(String line) {
        List<String> forms = new ArrayList<>();
        for (Needle needle : needles) {
            if (contains(line, needle)) {
                forms.add(needle.form());
            }
        }
        return forms;
    }

    static boolean contains(String line, Needle needle) {
        String t = needle.text();
        for (int i = line.indexOf(t); i >= 0; i = line.indexOf(t, i + 1)) {
            if (!needle.word() || (!wordChar(line, i - 1) && !wordChar(line, i + t.length()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean wordChar(String line, int i) {
        return i >= 0 && i < line.length() && Character.isLetterOrDigit(line.charAt(i));
    }

    static String masked(String secret) {
        return secret.charAt(0) + "*".repeat(Math.max(0, secret.length() - 2)) + secret.charAt(secret.length() - 1);
    }

    /** Every secret registered under the module directories' {@code target/test-secrets}. */
    public static Set<String> secrets(List<Path> modules) throws IOException {
        Set<String> secrets = new LinkedHashSet<>();
        for (Path module : modules) {
            Path dir = module.resolve("target").resolve("test-secrets");
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                    for (String line : Files.readAllLines(f, StandardCharsets.US_ASCII)) {
                        if (!line.isBlank()) {
                            secrets.add(new String(Base64.getDecoder().decode(line.strip()), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        }
        return secrets;
    }

    /** The log files of one module directory. */
    public static List<Path> logs(Path module) throws IOException {
        List<Path> logs = new ArrayList<>();
        Path testLogs = module.resolve("target").resolve("test-logs");
        if (Files.isDirectory(testLogs)) {
            try (Stream<Path> walk = Files.walk(testLogs)) {
                walk.filter(Files::isRegularFile).sorted().forEach(logs::add);
            }
        }
        Path reports = module.resolve("target").resolve("surefire-reports");
        if (Files.isDirectory(reports)) {
            try (Stream<Path> list = Files.list(reports)) {
                list.filter(p -> p.getFileName().toString().endsWith("-output.txt")).sorted().forEach(logs::add);
            }
        }
        return logs;
    }

    /**
     * Arguments: the module whose logs are checked, then optionally the project's root directory, whose
     * every module's registered secrets are looked for too.
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args.length > 2) {
            System.err.println("usage: LogLeakCheck MODULE_DIR [PROJECT_DIR]");
            System.exit(2);
        }
        Path module = Path.of(args[0]);
        List<Path> all = new ArrayList<>(List.of(module));
        if (args.length == 2) {
            try (Stream<Path> modules = Files.list(Path.of(args[1]))) {
                modules.filter(Files::isDirectory).sorted().forEach(all::add);
            }
        }
        Set<String> secrets = secrets(all);
        List<Path> logs = logs(module);
        LogLeakCheck check = new LogLeakCheck(secrets);
        Map<Path, List<Leak>> found = new LinkedHashMap<>();
        for (Path log : logs) {
            List<Leak> leaks = check.scan(log);
            if (!leaks.isEmpty()) {
                found.put(log, leaks);
            }
        }
        String where = module.toAbsolutePath().normalize().getFileName().toString();
        if (found.isEmpty()) {
            System.out.println("log leak check (" + where + "): " + logs.size() + " log files, "
                    + secrets.size() + " secrets: no secret in any log");
            return;
        }
        System.err.println("log leak check (" + where + "): SECRETS IN LOGS");
        found.values().forEach(list -> list.stream().limit(20).forEach(l -> System.err.println("  " + l)));
        System.exit(1);
    }
}
