package dev.gannet.imap;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Finds and runs external client programs for the real-client tests. */
final class Tools {

    private Tools() {
    }

    /**
     * Runs the program to its end within {@code seconds} (killed otherwise) and returns what it printed, stdout and
     * stderr together; fails the test if it did not finish or exited with a status other than 0.
     */
    static String run(ProcessBuilder program, int seconds) throws IOException, InterruptedException {
        Process p = program.redirectErrorStream(true).start();
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("%s finished: %s", program.command().get(0), out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return true;
            }
        }
        return false;
    }
}
