package dev.gannet.pop3.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs a real client program with a time limit and returns its standard output. */
final class ExternalProcess {

    private ExternalProcess() {
    }

    static boolean available(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    static String run(List<String> command, Path workDir) throws IOException, InterruptedException {
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        Process p = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectError(err.toFile()).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(done).as("%s finished", command.get(0)).isTrue();
        assertThat(p.exitValue()).as("%s exit status; stderr: %s", command.get(0), stderr).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Copies a script from the test resources to {@code dir} and returns its path. */
    static Path script(String name, Path dir) throws IOException {
        try (var in = ExternalProcess.class.getResourceAsStream("/clients/" + name)) {
            Path target = dir.resolve(name);
            Files.write(target, in.readAllBytes());
            return target;
        }
    }
}
