package dev.gannet.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The launcher run as a separate JVM, as an operator runs it, with its output collected line by line.
 * Tests use it for what only a real process shows: exit codes, signals, {@code kill -9}.
 */
public final class GannetProcess implements AutoCloseable {

    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final List<Thread> pumps;

    private GannetProcess(String name, Process process) {
        this.process = process;
        this.pumps = List.of(pump(name, process.getInputStream(), stdout), pump(name, process.getErrorStream(), stderr));
    }

    static GannetProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
        return start("gannet", workDir, env, args);
    }

    /** As {@link #start(Path, Map, String...)}, its lines kept in target/test-logs/processes.log under {@code name}. */
    public static GannetProcess start(String name, Path workDir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Dlogback.configurationFile=logback.xml"); // the jar's logging, not the tests'
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("GANNET_"));
        pb.environment().putAll(env);
        return new GannetProcess(name, pb.start());
    }

    private static Thread pump(String name, InputStream in, List<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.add(line);
                    dev.gannet.core.testing.TestLogs.process(name, line);
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, name + "-process-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits for a line of standard output matching {@code regex} and returns its match. */
    public Matcher awaitLine(String regex, Duration timeout) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : stdout) {
                Matcher m = p.matcher(line);
                if (m.matches()) {
                    return m;
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no line matching " + regex + " within " + timeout + "; alive=" + process.isAlive()
                + "\nstdout: " + stdout + "\nstderr: " + stderr);
    }

    /** The port of the {@code name listening on host:port} line. */
    public int awaitListener(String name) throws InterruptedException {
        return Integer.parseInt(awaitLine(Pattern.quote(name) + " listening on \\S+:(\\d+)", Duration.ofSeconds(60)).group(1));
    }

    int waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after " + timeout + "\nstdout: " + stdout + "\nstderr: " + stderr);
        }
        for (Thread pump : pumps) {
            pump.join(timeout.toMillis()); // everything the process printed has been read
        }
        return process.exitValue();
    }

    /** SIGTERM. (Process.destroy() would also close our ends of its pipes and lose what it prints next.) */
    void terminate() {
        process.toHandle().destroy();
    }

    /** SIGKILL without waiting, safe to call from a callback thread. */
    void killAsync() {
        process.destroyForcibly();
    }

    /** SIGKILL: no shutdown hook, no flush, nothing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public List<String> stdout() {
        return stdout;
    }

    public List<String> stderr() {
        return stderr;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
