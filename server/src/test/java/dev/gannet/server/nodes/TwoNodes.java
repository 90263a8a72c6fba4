package dev.gannet.server.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gannet.core.testing.RedisServer;
import dev.gannet.core.testing.TestSecrets;
import dev.gannet.server.GannetProcess;
import dev.gannet.server.concurrency.StoreProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Two launcher processes (node A and node B) on one {@code gannet store} process and one {@code redis-server},
 * each running imap, pop3, lmtp, api and tasks on free loopback ports, as README's "Real MongoDB and Redis"
 * scales out. Everything the processes print goes to {@code target/test-logs/processes.log}, one prefix per
 * process ({@code [store]}, {@code [node-a]}, {@code [node-b]}). Started once per test class; {@link #close()}
 * kills whatever is still running.
 */
final class TwoNodes implements AutoCloseable {

    static final List<String> ROLES = List.of("imap", "pop3", "lmtp", "api", "tasks");
    static final String DOMAIN = "nodes.gannet.test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String root = TestSecrets.register("root-" + UUID.randomUUID());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path dir;
    private final List<GannetProcess> nodes = new ArrayList<>();
    private final List<Map<String, Integer>> ports = new ArrayList<>();
    private final Duration taskInterval;
    private StoreProcess store;
    private RedisServer redis;
    private boolean redisDown;
    private Instant redisStopped;
    private Instant redisBack;

    record Http(int status, JsonNode json) {
    }

    record User(String id, String username, String password, String address) {
    }

    private TwoNodes(Duration taskInterval) throws IOException {
        this.taskInterval = taskInterval;
        this.dir = Files.createTempDirectory("gannet-two-nodes");
    }

    /** Starts Redis (or aborts the class without redis-server), the store, then both nodes side by side. */
    static TwoNodes start(Duration taskInterval) throws Exception {
        RedisServer redis = RedisServer.start(); // aborts here, before anything else runs, without redis-server
        TwoNodes n = new TwoNodes(taskInterval);
        n.redis = redis;
        try {
            n.store = StoreProcess.start(Files.createDirectories(n.dir.resolve("store")));
            int mongoPort = n.store.awaitPort();
            for (String name : List.of("node-a", "node-b")) {
                n.nodes.add(n.launch(name, mongoPort));
            }
            for (GannetProcess node : n.nodes) {
                Map<String, Integer> p = new HashMap<>();
                for (String listener : List.of("imap", "pop3", "lmtp", "api")) {
                    p.put(listener, node.awaitListener(listener));
                }
                node.awaitLine(".* Gannet \\S+ started in \\d+ ms", Duration.ofSeconds(60));
                n.ports.add(p);
            }
            return n;
        } catch (Exception | Error e) {
            n.close();
            throw e;
        }
    }

    private GannetProcess launch(String name, int mongoPort) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        List<String> args = new ArrayList<>(List.of("--set", "roles=" + String.join(",", ROLES),
                "--set", "mongo.uri=mongodb://127.0.0.1:" + mongoPort, "--set", "redis.uri=" + redis.uri(),
                "--set", "store.dataDir=" + home.resolve("data"), "--set", "hostname=" + name + "." + DOMAIN,
                "--set", "tasks.purgeInterval=" + taskInterval.toMillis() + "ms",
                "--set", "imap.tlsPort=-1", "--set", "pop3.tlsPort=-1"));
        for (String role : List.of("imap", "pop3", "lmtp", "api")) {
            args.addAll(List.of("--set", role + ".host=127.0.0.1", "--set", role + ".port=0"));
        }
        // the root token through the environment, so that it is on no command line
        return GannetProcess.start(name, home, Map.of("GANNET_API_ACCESS_TOKEN", root), args.toArray(String[]::new));
    }

    GannetProcess node(int i) {
        return nodes.get(i);
    }

    int port(int node, String listener) {
        return ports.get(node).get(listener);
    }

    /** Stops redis-server (SIGTERM, as an operator's restart does). */
    void stopRedis() {
        redisStopped = Instant.now();
        redisDown = true;
        redis.close();
    }

    /** Starts redis-server again, if stopped, on the port the nodes are configured with; it comes back empty. */
    void startRedisAgain() {
        if (redisDown) {
            redis = RedisServer.startOn(redis.port());
            redisDown = false;
            redisBack = Instant.now();
        }
    }

    /** When Redis was last stopped, or null. */
    Instant redisStopped() {
        return redisStopped;
    }

    /** When Redis was last started again, or null. */
    Instant redisBack() {
        return redisBack;
    }

    /** Creates a user with an address in {@link #DOMAIN} through node A's API, as an operator does. */
    User createUser(String username) throws Exception {
        String password = TestSecrets.register("pw-" + UUID.randomUUID());
        String address = username + "@" + DOMAIN;
        Http created = api(0, "POST", "/users", JSON.createObjectNode().put("username", username)
                .put("password", password).put("address", address).toString());
        if (created.status() != 200 || !created.json().path("success").asBoolean()) {
            throw new AssertionError("POST /users: " + created);
        }
        return new User(created.json().get("id").asText(), username, password, address);
    }

    /** A request to node {@code node}'s API with the root token; the body is JSON or absent. */
    Http api(int node, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(node, "api") + path))
                .timeout(Duration.ofSeconds(20)).header("X-Access-Token", root).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Http(r.statusCode(), r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body()));
    }

    @Override
    public void close() throws InterruptedException {
        for (GannetProcess node : nodes) {
            node.close();
        }
        if (store != null) {
            store.close();
        }
        if (redis != null) {
            redis.close();
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
