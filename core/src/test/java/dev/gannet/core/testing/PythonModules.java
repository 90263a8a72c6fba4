package dev.gannet.core.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finds a Python 3 that can import a module (the first {@code python3} on PATH may be a pyenv build without
 * Debian's packages, so {@code /usr/bin/python3} is tried too) and runs scripts with it. Under {@code CI=true} a
 * missing module fails the test instead of skipping it.
 */
public final class PythonModules {

    private PythonModules() {
    }

    public static Optional<String> withModule(String module) {
        List<String> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "python3");
            if (Files.isExecutable(p)) {
                candidates.add(p.toString());
            }
        }
        candidates.add("/usr/bin/python3");
        for (String c : candidates) {
            if (!Files.isExecutable(Path.of(c))) {
                continue;
            }
            try {
                Process p = new ProcessBuilder(c, "-c", "import " + module).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return Optional.of(c);
                }
            } catch (IOException e) {
                // not this one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The interpreter with {@code module}; skips the test (fails under CI=true) when there is none. */
    public static String require(String module, String debianPackage) {
        Optional<String> found = withModule(module);
        if (found.isEmpty()) {
            String why = "no python3 here can import " + module + " (Debian package " + debianPackage + ")";
            if (System.getenv("CI") != null) {
                throw new AssertionError(why);
            }
            org.junit.jupiter.api.Assumptions.abort(why);
        }
        return found.get();
    }

    /** Runs {@code python args...}, expecting exit 0; returns standard output. */
    public static String run(String python, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(python);
        cmd.addAll(args);
        Path err = Files.createTempFile("python", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            assertThat(done).as("python finished").isTrue();
            assertThat(p.exitValue()).as("python exit status; stderr: %s", Files.readString(err)).isZero();
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** Copies a script from the test resources' {@code python/} folder to {@code dir}. */
    public static Path script(String name, Path dir) throws IOException {
        try (var in = PythonModules.class.getResourceAsStream("/python/" + name)) {
            Path target = dir.resolve(name);
            Files.write(target, in.readAllBytes());
            return target;
        }
    }
}
