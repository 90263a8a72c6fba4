package dev.gannet.server.concurrency;

import dev.gannet.server.Main;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code gannet store --port 0 --data-dir D} as its own JVM, the store several nodes share through
 * {@code mongo.uri} (docs/store.md "Two deployments"). Started and stopped by the suite; its output is kept
 * for the failure message.
 */
public final class StoreProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("store listening on \\S+:(\\d+)");
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private StoreProcess(Process process) {
        this.process = process;
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.add(line);
                    dev.gannet.core.testing.TestLogs.process("store", line);
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "store-process-output");
        pump.setDaemon(true);
        pump.start();
    }

    public static StoreProcess start(Path dataDir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "store", "--port", "0", "--data-dir", dataDir.toString())
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("GANNET_"));
        return new StoreProcess(pb.start());
    }

    /** The port the store listens on, once it says so (within 60 s). */
    public int awaitPort() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            for (String line : output) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the store process did not start: alive=" + process.isAlive() + " output=" + output);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
