package dev.gannet.server.concurrency;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.gannet.core.config.Settings;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;

import java.util.List;

/**
 * Where a run's sessions go: one node (memory or H2 store) or several nodes sharing one store and one Redis.
 * The suite reaches the store twice: through its API ({@link #store()}, for records and recounts) and below
 * it ({@link #database()}, the MongoDB database the nodes use, for blob references and chunks).
 */
interface Backend extends AutoCloseable {

    String name();

    List<Integer> imapPorts();

    List<Integer> lmtpPorts();

    MailStore store();

    MongoDatabase database();

    /** A user with this quota (bytes) whose main address is {@code <name>@gannet.test}. */
    TestUser createUser(String name, long quotaBytes);

    @Override
    void close();

    /**
     * The node settings of every backend: the roles the suite uses, a cheap password hash for many logins, and
     * expunged messages purgeable at once (the suite purges when it wants them gone; no tasks role runs).
     */
    static GannetExtension.Builder node() {
        return GannetExtension.builder().roles("imap", "lmtp", "api")
                .set(Settings.STORE_EXPUNGED_RETENTION, java.time.Duration.ZERO)
                .set(Settings.AUTH_HASH_MEMORY_KIB, 64)
                .set(Settings.AUTH_HASH_ITERATIONS, 1)
                .set(Settings.IMAP_AUTH_FAILURE_DELAY, java.time.Duration.ZERO);
    }

    /** One node in this JVM, started here and stopped by {@link #close()}. */
    static Backend single(String name, GannetExtension node) {
        node.start();
        return new Backend() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<Integer> imapPorts() {
                return List.of(node.port("imap"));
            }

            @Override
            public List<Integer> lmtpPorts() {
                return List.of(node.port("lmtp"));
            }

            @Override
            public MailStore store() {
                return node.store();
            }

            @Override
            public MongoDatabase database() {
                return node.node().storeConnection().database();
            }

            @Override
            public TestUser createUser(String user, long quotaBytes) {
                return node.createUser(user, quotaBytes);
            }

            @Override
            public void close() {
                node.close();
            }
        };
    }
}
