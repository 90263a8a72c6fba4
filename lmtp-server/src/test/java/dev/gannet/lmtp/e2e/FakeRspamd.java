package dev.gannet.lmtp.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gannet.core.testing.GannetExtension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for rspamd's {@code /checkv2} on a loopback port (JDK HttpServer), answering by a word in the message:
 * {@code SPAMWORD} → "add header", {@code REJECTME} → "reject", {@code SLOWWORD} → answers after 3 s,
 * {@code BROKENWORD} → HTTP 500, {@code GARBAGEWORD} → 200 that is not JSON; anything else → "no action". Every
 * request is recorded with its headers.
 */
final class FakeRspamd implements AutoCloseable {

    record Seen(String path, Map<String, List<String>> headers, String body) {
        List<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(Map.Entry::getValue).orElse(List.of());
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    FakeRspamd() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The requests whose body contains {@code marker}. */
    List<Seen> requestsWith(String marker) {
        return seen.stream().filter(s -> s.body().contains(marker)).toList();
    }

    private void answer(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
        seen.add(new Seen(ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()), body));
        int status = 200;
        String json;
        if (body.contains("SLOWWORD")) {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            json = verdict("no action", 0.5);
        } else if (body.contains("BROKENWORD")) {
            status = 500;
            json = "{\"error\":\"internal\"}";
        } else if (body.contains("GARBAGEWORD")) {
            json = "this is not json";
        } else if (body.contains("REJECTME")) {
            json = verdict("reject", 21.5);
        } else if (body.contains("SPAMWORD")) {
            json = verdict("add header", 7.0);
        } else {
            json = verdict("no action", 1.25);
        }
        byte[] out = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        try {
            ex.sendResponseHeaders(status, out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        } catch (IOException e) {
            // the client gave up waiting (the slow case)
        }
    }

    private static String verdict(String action, double score) {
        return "{\"is_skipped\":false,\"score\":" + score + ",\"required_score\":15.0,\"action\":\"" + action
                + "\",\"symbols\":{\"FAKE_SYMBOL\":{\"name\":\"FAKE_SYMBOL\",\"score\":" + score + "}},\"messages\":{}}";
    }

    /** Gives the node's meter registry a backend (it has none until the api role adds one), so counters count. */
    static void countMeters(GannetExtension gannet) {
        ((CompositeMeterRegistry) gannet.context().metrics()).add(new SimpleMeterRegistry());
    }

    /** The count of one rspamd counter, 0 before it exists. */
    static double count(GannetExtension gannet, String name, String... tags) {
        Counter c = gannet.context().metrics().find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    /** A loopback port that was free a moment ago and is closed again: connecting to it is refused until taken. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
