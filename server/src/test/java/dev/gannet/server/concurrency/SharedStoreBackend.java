package dev.gannet.server.concurrency;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.gannet.core.config.Settings;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.RedisServer;
import dev.gannet.core.testing.TestUser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Two nodes in this JVM sharing one {@code gannet store} process (H2) through {@code mongo.uri} and one
 * {@code redis-server} through {@code redis.uri}, as the architecture scales out: sessions of one user on
 * both nodes see each other's changes only through the shared store and the Redis bell.
 */
final class SharedStoreBackend implements Backend {

    private final StoreProcess storeProcess;
    private final Path dataDir;
    private final List<GannetExtension> nodes = new ArrayList<>();

    SharedStoreBackend(int nodeCount) throws IOException, InterruptedException {
        RedisServer redis = RedisServer.shared(); // aborts (skips) the test where there is no redis-server
        dataDir = Files.createTempDirectory("gannet-shared-store");
        storeProcess = StoreProcess.start(dataDir);
        try {
            String mongo = "mongodb://127.0.0.1:" + storeProcess.awaitPort();
            for (int i = 0; i < nodeCount; i++) {
                GannetExtension node = Backend.node().set(Settings.MONGO_URI, mongo)
                        .set(Settings.REDIS_URI, redis.uri()).build();
                nodes.add(node);
                node.start();
            }
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    @Override
    public String name() {
        return nodes.size() + " nodes sharing a store process and redis-server";
    }

    @Override
    public List<Integer> imapPorts() {
        return nodes.stream().map(n -> n.port("imap")).toList();
    }

    @Override
    public List<Integer> lmtpPorts() {
        return nodes.stream().map(n -> n.port("lmtp")).toList();
    }

    @Override
    public MailStore store() {
        return nodes.get(0).store();
    }

    @Override
    public MongoDatabase database() {
        return nodes.get(0).node().storeConnection().database();
    }

    @Override
    public TestUser createUser(String name, long quotaBytes) {
        return nodes.get(0).createUser(name, quotaBytes);
    }

    @Override
    public void close() {
        nodes.forEach(GannetExtension::close);
        storeProcess.close();
        try (var walk = Files.walk(dataDir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
