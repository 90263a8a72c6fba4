package dev.gannet.server.crash;

import dev.gannet.server.Main;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The launcher in a JVM of its own, which a test can {@code kill -9}: either a node ({@link #node}: the roles it
 * is given, with the durable embedded H2 store in the same process unless {@code mongo.uri} is set) or only the
 * embedded store ({@link #store}), which nodes reach through {@code mongo.uri}. Like the server package's
 * GannetProcess, which is package-private there. The child runs with C1 and the serial collector only to spend
 * less of this 2-core machine starting up; what it stores and when it syncs do not depend on either.
 */
final class Child implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(90);
    /** The first node's generated TLS material, copied aside so later nodes skip generating their own. */
    private static volatile Path sharedTls;
    private final String name;
    private final Path workDir;
    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();

    private Child(String name, Path workDir, Process process) {
        this.name = name;
        this.workDir = workDir;
        this.process = process;
        pump(process.getInputStream());
        pump(process.getErrorStream());
    }

    /** A node in {@code workDir} (its {@code data} directory is the store's unless {@code mongo.uri} is set). */
    static Child node(String name, Path workDir, List<String> sets) throws IOException {
        List<String> args = new ArrayList<>();
        for (String s : List.of("imap.host=127.0.0.1", "imap.port=0", "imap.tlsPort=-1", "api.port=0",
                "auth.hashMemoryKib=1024", "auth.hashIterations=1", "shutdown.grace=1s")) {
            args.add("--set");
            args.add(s);
        }
        Path tls = sharedTls;
        if (tls != null) {
            args.addAll(List.of("--set", "tls.cert=" + tls.resolve("cert.pem"), "--set", "tls.key=" + tls.resolve("key.pem")));
        }
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        return start(name, workDir, args);
    }

    /** Only the embedded store, on a free loopback port, over {@code dataDir}. */
    static Child store(String name, Path workDir, Path dataDir) throws IOException {
        return start(name, workDir, List.of("store", "--port", "0", "--data-dir", dataDir.toString(), "--cache-mb", "64"));
    }

    private static Child start(String name, Path workDir, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dlogback.configurationFile=logback.xml",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("GANNET_"));
        return new Child(name, workDir, pb.start());
    }

    private void pump(InputStream in) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.add(line);
                    dev.gannet.core.testing.TestLogs.process(name, line);
                    System.out.println("[" + name + "] " + line); // into the test's report output
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "child-" + name);
        t.setDaemon(true);
        t.start();
    }

    /** Waits for an output line matching {@code regex} (the whole line) and returns its match. */
    Matcher awaitLine(String regex, Duration timeout) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            for (; seen < out.size(); seen++) {
                Matcher m = p.matcher(out.get(seen));
                if (m.matches()) {
                    return m;
                }
            }
            if (!process.isAlive() && seen >= out.size()) {
                break;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(name + ": no line matching " + regex + " within " + timeout + "; alive="
                + process.isAlive() + "\n" + String.join("\n", out));
    }

    /** The port of the listener announced as {@code "<listener> listening on host:port"}. */
    int port(String listener) throws InterruptedException {
        int port = Integer.parseInt(awaitLine(Pattern.quote(listener) + " listening on \\S+:(\\d+)", START).group(1));
        keepTls();
        return port;
    }

    /** TLS material for nodes of this test JVM: {@code [cert, key]}, or null before a node has made some. */
    static Path[] tls() {
        Path tls = sharedTls;
        return tls == null ? null : new Path[] {tls.resolve("cert.pem"), tls.resolve("key.pem")};
    }

    private synchronized void keepTls() {
        Path generated = workDir.resolve("data").resolve("tls");
        if (sharedTls != null || !Files.isRegularFile(generated.resolve("self-signed-key.pem"))) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("gannet-crash-tls");
            Files.copy(generated.resolve("self-signed-cert.pem"), dir.resolve("cert.pem"));
            Files.copy(generated.resolve("self-signed-key.pem"), dir.resolve("key.pem"));
            for (Path p : List.of(dir, dir.resolve("cert.pem"), dir.resolve("key.pem"))) { // deleted in reverse order
                p.toFile().deleteOnExit();
            }
            sharedTls = dir;
        } catch (IOException e) {
            // every node generates its own then
        }
    }

    /** The loopback port of the embedded store a node started in its own process. */
    int embeddedStorePort() throws InterruptedException {
        return Integer.parseInt(awaitLine(".*store: embedded store .* on 127\\.0\\.0\\.1:(\\d+)", START).group(1));
    }

    /** SIGKILL ({@code kill -9} on Linux): no shutdown hook, no flush, no last commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " survived SIGKILL");
        }
    }

    /** SIGTERM and wait for the clean stop; {@code Process.destroy()} would close our ends of its pipes. */
    void stop() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
            throw new AssertionError(name + " did not stop on SIGTERM\n" + String.join("\n", out));
        }
    }

    List<String> output() {
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
