package dev.gannet.lmtp.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs src/test/resources/python/lmtp_client.py (Python's smtplib.LMTP) against a port. */
final class PythonLmtp {

    record Result(int exit, List<String> lines) {
        /** The reply line for {@code step} and {@code who}, e.g. ("DATA", "bob@x") → "250 2.0.0 ...". */
        String reply(String step, String who) {
            String prefix = step + " " + who + " ";
            return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + prefix + " in " + lines));
        }
    }

    private PythonLmtp() {
    }

    static Result run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        Path script = Files.createTempFile("lmtp_client", ".py");
        try (InputStream in = PythonLmtp.class.getResourceAsStream("/python/lmtp_client.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("lmtp_client", ".out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("python client still running after " + timeoutSeconds + " s: "
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readAllLines(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(output);
        }
    }
}
