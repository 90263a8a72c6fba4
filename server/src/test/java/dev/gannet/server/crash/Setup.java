package dev.gannet.server.crash;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.GeneratedMail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** What the crash tests build their situations from: users through the REST API, generated messages, polling. */
final class Setup {

    static final String PASSWORD = "crash-secret";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Setup() {
    }

    /** Creates a user with the main address {@code <name>@crash.test} through {@code POST /users}. */
    static void createUser(int apiPort, String username) throws IOException, InterruptedException {
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\",\"address\":\"" + username
                + "@crash.test\"}";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/users"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("POST /users answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** A small text message, different for every {@code tag}. */
    static byte[] plain(String tag) {
        return ("From: Crash <crash@example.com>\r\nTo: someone@crash.test\r\nSubject: " + tag + "\r\nMessage-ID: <" + tag
                + "@crash.test>\r\nDate: Mon, 7 Dec 2026 02:00:00 +0000\r\n\r\nbody of " + tag + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A multipart message whose attachment is {@code data} in base64 with 76-character CRLF lines. */
    static byte[] withAttachment(String tag, byte[] data) {
        return GeneratedMail.withAttachment(tag, "base64",
                GeneratedMail.base64(data, 76, "\r\n", false).getBytes(StandardCharsets.US_ASCII), "\r\n");
    }

    /**
     * A node in this JVM on {@code store} (roles as given, every listener on loopback and port 0) whose repair takes
     * every unfinished operation as crashed ({@code store.repairGrace=0s}); the caller closes it.
     */
    static GannetExtension nodeOn(Store store, String... roles) {
        GannetExtension.Builder b = GannetExtension.builder().roles(roles)
                .set(Settings.MONGO_URI, store.uri())
                .set(Settings.STORE_REPAIR_GRACE, Duration.ZERO);
        Path[] tls = Child.tls();
        if (tls != null) {
            b.set(Settings.TLS_CERT, tls[0].toString()).set(Settings.TLS_KEY, tls[1].toString());
        }
        GannetExtension node = b.build();
        node.start();
        return node;
    }

    /**
     * Polls {@code condition} every {@code everyMillis} until it holds; false if {@code timeout} passed first. Bounded
     * in time, and so in count.
     */
    static boolean poll(Duration timeout, long everyMillis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(everyMillis);
        }
        return condition.getAsBoolean();
    }
}
