package dev.gannet.managesieve;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs Debian's {@code sieve-connect} against a local node: STARTTLS is required ({@code --noclearauth}; the
 * node's self-signed certificate is not verified, {@code --notlsverify}), the password goes in on standard input
 * ({@code --passwordfd 0}), never on the command line. Under {@code CI=true} a missing program fails the test.
 */
public final class SieveConnect {

    public record Result(int exit, String out, String err) {
    }

    private SieveConnect() {
    }

    /** True when sieve-connect can run; false (skip) outside CI when it is not installed. */
    public static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "sieve-connect"))) {
                return true;
            }
        }
        if (System.getenv("CI") != null) {
            throw new AssertionError("sieve-connect is not installed, and CI must run this test (.ci/run installs it)");
        }
        return false;
    }

    public static Result run(int port, String user, String password, Path dir, String... action)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sieve-connect", "--server", "127.0.0.1", "--port",
                Integer.toString(port), "--nosrv", "--user", user, "--authmech", "PLAIN", "--passwordfd", "0",
                "--notlsverify", "--noclearauth"));
        cmd.addAll(List.of(action));
        Path err = Files.createTempFile(dir, "sieve-connect", ".err");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(err.toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = p.getInputStream().readAllBytes();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("sieve-connect finished").isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(err));
    }

    /** Runs and expects exit status 0; returns standard output. */
    public static String ok(int port, String user, String password, Path dir, String... action)
            throws IOException, InterruptedException {
        Result r = run(port, user, password, dir, action);
        assertThat(r.exit()).as("sieve-connect %s: stdout %s stderr %s", String.join(" ", action), r.out(), r.err()).isZero();
        return r.out();
    }
}
