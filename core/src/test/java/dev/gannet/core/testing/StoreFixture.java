package dev.gannet.core.testing;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import dev.gannet.core.internal.embedded.EmbeddedStore;
import dev.gannet.core.plugin.MailPlugin;
import dev.gannet.core.plugin.PluginRunner;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.NewUser;
import dev.gannet.core.store.User;
import dev.gannet.core.store.internal.Bell;
import dev.gannet.core.store.internal.MongoMailStore;
import dev.gannet.core.store.internal.StoreOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * A ready mail store on the embedded server, for this module's tests and (through core's test-jar) for
 * every other module's: {@link #memory()} is fast, {@link #h2(Path)} is the durable backend the product
 * runs. It records every bell ring, and {@link #newUser()} makes a fresh user per test.
 */
public final class StoreFixture implements AutoCloseable {

    /** One ring of the change bell. */
    public record Ring(String user, String mailbox, long modseq) {
    }

    private static final AtomicInteger USERS = new AtomicInteger();
    private final EmbeddedStore server;
    private final MongoClient client;
    private final MailStore store;
    private final List<Ring> rings = new CopyOnWriteArrayList<>();

    private StoreFixture(EmbeddedStore server, StoreOptions options, List<MailPlugin> plugins) {
        this.server = server;
        this.client = MongoClients.create(server.connectionString());
        Bell bell = (u, m, n) -> Mono.fromRunnable(() -> rings.add(new Ring(u, m, n)));
        this.store = MongoMailStore.create(client.getDatabase("gannet"), bell, options,
                new PluginRunner(plugins, Duration.ofSeconds(2)));
        store.ensureSchema().block();
    }

    public static StoreFixture memory() {
        return new StoreFixture(EmbeddedStore.inMemory(), StoreOptions.forTests(), List.of());
    }

    public static StoreFixture h2(Path dir) {
        return new StoreFixture(EmbeddedStore.openH2(dir, 64, "127.0.0.1", 0), StoreOptions.forTests(), List.of());
    }

    public static StoreFixture memory(StoreOptions options, List<MailPlugin> plugins) {
        return new StoreFixture(EmbeddedStore.inMemory(), options, plugins);
    }

    /** The database behind the store, for tests that must reach below the API (crash simulation). */
    public com.mongodb.reactivestreams.client.MongoDatabase database() {
        return client.getDatabase("gannet");
    }

    public MailStore store() {
        return store;
    }

    public List<Ring> rings() {
        return rings;
    }

    /** A user with a unique name and password {@code secret}. */
    public User newUser() {
        return store.users().create(NewUser.withPassword("user" + USERS.incrementAndGet() + "-" + System.nanoTime(),
                "secret")).block();
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
