package dev.gannet.core.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Redis for tests: {@code REDIS_URL} if set, else a {@code redis-server} from PATH started on a
 * free loopback port without persistence and stopped when the JVM ends (or on {@link #close()}). When
 * neither exists, {@link #shared()} aborts the calling test with a reason that is also printed to
 * stderr, so a skipped Redis suite is never mistaken for a passing one. Tests sharing one server must
 * use their own keys rather than flushing it.
 */
public final class RedisServer implements AutoCloseable {

    private static RedisServer shared;
    private static String unavailable;

    private final String uri;
    private final Process process;

    private RedisServer(String uri, Process process) {
        this.uri = uri;
        this.process = process;
    }

    /**
     * The JVM-wide server, started on first use. Call it before each test (it is cheap after the
     * first), so that without Redis every test is reported as skipped rather than the class vanishing.
     */
    public static synchronized RedisServer shared() {
        if (shared == null && unavailable == null) {
            String url = System.getenv("REDIS_URL");
            if (url != null && !url.isBlank()) {
                shared = new RedisServer(url.strip(), null);
            } else if (findBinary().isEmpty()) {
                unavailable = "Redis tests skipped: redis-server is not on PATH and REDIS_URL is not set";
                System.err.println(unavailable);
            } else {
                shared = start();
                Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "redis-server-stop"));
            }
        }
        if (shared == null) {
            Assumptions.abort(unavailable);
        }
        return shared;
    }

    /** A private server (for tests that stop it); aborts the test if redis-server is not on PATH. */
    public static RedisServer start() {
        Path binary = binaryOrAbort();
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return launch(binary, freePort());
            } catch (IOException e) {
                last = e; // most likely another process took the port between probe and bind
            }
        }
        throw new IllegalStateException("could not start " + binary, last);
    }

    /**
     * A private server on {@code port}, the way Redis comes back after a restart (empty: nothing is
     * persisted), for tests that stop a server and start it again where the nodes expect it.
     */
    public static RedisServer startOn(int port) {
        Path binary = binaryOrAbort();
        try {
            return launch(binary, port);
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + binary + " on port " + port, e);
        }
    }

    public String uri() {
        return uri;
    }

    /** The port of {@link #uri()}. */
    public int port() {
        return java.net.URI.create(uri).getPort();
    }

    /** Whether this helper started the process (false for REDIS_URL). */
    public boolean owned() {
        return process != null;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RedisServer launch(Path binary, int port) throws IOException {
        Path log = Files.createTempFile("gannet-redis-" + port + "-", ".log");
        log.toFile().deleteOnExit();
        Process process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + ": "
                        + String.join(" | ", tail(log)));
            }
            if (answersPing(port)) {
                return new RedisServer("redis://127.0.0.1:" + port, process);
            }
            sleep(50);
        }
        process.destroyForcibly();
        throw new IOException("redis-server did not answer PING on port " + port + " within 20 s");
    }

    private static boolean answersPing(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static Path binaryOrAbort() {
        Path binary = findBinary().orElse(null);
        if (binary == null) {
            String reason = "Redis tests skipped: redis-server is not on PATH";
            System.err.println(reason);
            Assumptions.abort(reason);
        }
        return binary;
    }

    private static Optional<Path> findBinary() {
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static List<String> tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.subList(Math.max(0, lines.size() - 3), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }
}
