package dev.gannet.server.outbound;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The loopback SMTP sink (src/test/resources/outbound/smtp_sink.py on Debian's python3-aiosmtpd): what Gannet
 * sends arrives in a directory, one file of bytes and one of envelope per message. Without a Python that can
 * import aiosmtpd the test is skipped, or fails under CI=true (.ci/run installs python3-aiosmtpd).
 */
final class SmtpSink implements AutoCloseable {

    /** One message as the sink received it. */
    record Received(String from, List<String> to, String login, boolean tls, byte[] bytes) {
    }

    private final Process process;
    private final Path dir;
    private final int port;

    private SmtpSink(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** The first python3 that can import aiosmtpd: Debian's /usr/bin/python3 before the one on PATH. */
    static String python() {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import aiosmtpd").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException | InterruptedException e) {
                // try the next one
            }
        }
        if (System.getenv("CI") != null) {
            throw new AssertionError("no python3 with aiosmtpd (Debian's python3-aiosmtpd), which .ci/run installs");
        }
        Assumptions.abort("no python3 with aiosmtpd (apt-get install python3-aiosmtpd)");
        return null;
    }

    static SmtpSink start(int port, String... options) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("smtp-sink");
        Path script = dir.resolve("smtp_sink.py");
        try (InputStream in = SmtpSink.class.getResourceAsStream("/outbound/smtp_sink.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path mail = Files.createDirectory(dir.resolve("mail"));
        List<String> cmd = new ArrayList<>(List.of(python(), script.toString(), "--port", Integer.toString(port),
                "--dir", mail.toString()));
        cmd.addAll(List.of(options));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.startsWith("READY ")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // the sink's own log
                        }
                    } catch (IOException e) {
                        // closed
                    }
                }, "smtp-sink-output");
                drain.setDaemon(true);
                drain.start();
                return new SmtpSink(p, mail, port);
            }
        }
        p.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("the SMTP sink did not start: " + seen);
    }

    int port() {
        return port;
    }

    List<Received> received() throws IOException {
        List<Received> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path json : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String j = Files.readString(json);
                Path eml = Path.of(json.toString().replace(".json", ".eml"));
                out.add(new Received(str(j, "from"), list(j, "to"), str(j, "login"), j.contains("\"tls\": true"),
                        Files.readAllBytes(eml)));
            }
        }
        return out;
    }

    /** Waits until at least {@code n} messages arrived. */
    List<Received> await(int n, Duration max) throws Exception {
        long end = System.nanoTime() + max.toNanos();
        List<Received> r = received();
        while (r.size() < n && System.nanoTime() < end) {
            Thread.sleep(50);
            r = received();
        }
        if (r.size() < n) {
            throw new AssertionError("expected " + n + " messages at the sink, got " + r.size());
        }
        return r;
    }

    private static String str(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": (null|\"((?:[^\"\\\\]|\\\\.)*)\")").matcher(json);
        return m.find() && m.group(2) != null ? m.group(2) : null;
    }

    private static List<String> list(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \\[([^\\]]*)\\]").matcher(json);
        List<String> out = new ArrayList<>();
        if (m.find()) {
            Matcher s = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(m.group(1));
            while (s.find()) {
                out.add(s.group(1));
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
