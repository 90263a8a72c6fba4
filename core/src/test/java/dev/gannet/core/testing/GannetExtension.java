package dev.gannet.core.testing;

import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Setting;
import dev.gannet.core.config.Settings;
import dev.gannet.core.node.GannetNode;
import dev.gannet.core.node.Listener;
import dev.gannet.core.node.NodeContext;
import dev.gannet.core.node.internal.StoreConnection;
import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Appended;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.NewUser;
import dev.gannet.core.store.User;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Starts a whole Gannet node in the test's JVM: every role the classpath provides (or the ones asked
 * for), every listener on 127.0.0.1 and port 0, a fresh store in a temporary directory, in-JVM
 * coordination. Register it in a static field to share one node across a class, or in an instance
 * field for a node per test:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final GannetExtension gannet = GannetExtension.builder().roles("imap", "lmtp").build();
 * ... gannet.port("imap") ...
 * }</pre>
 *
 * The store is the in-memory embedded backend unless {@link Builder#durable()} asks for the H2 file
 * backend the launcher uses.
 */
public final class GannetExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, AutoCloseable {

    private static final AtomicInteger USERS = new AtomicInteger();

    private final List<UnaryOperator<GannetConfig>> adjustments;
    private final StoreConnection.Embedded embedded;
    private Path dataDir;
    private GannetNode node;
    private boolean perClass;

    private GannetExtension(Builder b) {
        this.adjustments = List.copyOf(b.adjustments);
        this.embedded = b.embedded;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    /** Starts the node (done by JUnit; public for tests that restart one). */
    public void start() {
        if (node != null) {
            return;
        }
        try {
            if (dataDir == null) {
                dataDir = Files.createTempDirectory("gannet-test");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GannetConfig config = config();
        TestSecrets.register(config.get(Settings.API_ACCESS_TOKEN));
        node = GannetNode.start(config, embedded);
    }

    /** Stops the node; the data directory stays until the test ends, so {@link #start()} may reopen it. */
    public void stopNode() {
        if (node != null) {
            node.close(Duration.ofSeconds(1));
            node = null;
        }
    }

    /** Stops the node and deletes its data; for nodes a test starts by hand with {@link #start()}. */
    @Override
    public void close() {
        stop();
    }

    private void stop() {
        stopNode();
        if (dataDir != null) {
            deleteRecursively(dataDir);
            dataDir = null;
        }
    }

    /** The configuration the node runs with (ports as configured, i.e. 0; see {@link #port}). */
    public GannetConfig config() {
        GannetConfig c = GannetConfig.defaults()
                .with(Settings.HOSTNAME, "gannet.test")
                .with(Settings.STORE_DATA_DIR, dataDir.toString())
                .with(Settings.STORE_CACHE_MB, 16)
                .with(Settings.SHUTDOWN_GRACE, Duration.ofSeconds(1));
        for (Setting<String> host : List.of(Settings.IMAP_HOST, Settings.POP3_HOST, Settings.LMTP_HOST,
                Settings.API_HOST)) {
            c = c.with(host, "127.0.0.1");
        }
        for (Setting<Integer> port : Settings.ports().toList()) {
            c = c.with(port, 0);
        }
        for (UnaryOperator<GannetConfig> a : adjustments) {
            c = a.apply(c);
        }
        return c;
    }

    public GannetNode node() {
        if (node == null) {
            throw new IllegalStateException("the node is not running");
        }
        return node;
    }

    public NodeContext context() {
        return node().context();
    }

    /** The bound port of a listener ("api", "imap", "imaps", "pop3", "lmtp", ...). */
    public int port(String listener) {
        return listener(listener).port();
    }

    public Listener listener(String name) {
        return node().listener(name);
    }

    public Path dataDir() {
        return dataDir;
    }

    public MailStore store() {
        return context().store();
    }

    /**
     * Creates a fresh user with a unique name, password {@code secret} and the main address
     * {@code <name>@gannet.test}; tests never share users.
     */
    public TestUser createUser() {
        return createUser("user" + USERS.incrementAndGet() + "x" + Long.toString(System.nanoTime() % 1_000_000, 36), 0);
    }

    /** Creates a user with this name and quota (bytes, 0 = unlimited), password {@code secret}. */
    public TestUser createUser(String username, long quotaBytes) {
        String password = TestSecrets.register("secret");
        User user = store().users()
                .create(new NewUser(username, password, null, "Test " + username, quotaBytes))
                .block(Duration.ofSeconds(30));
        EmailAddress address = EmailAddress.parse(username + "@gannet.test");
        store().addresses().add(user.id(), address, true).block(Duration.ofSeconds(30));
        return new TestUser(user, password, address);
    }

    /** Creates a mailbox (and nothing above it) for the user. */
    public Mailbox createMailbox(TestUser user, String name) {
        return store().mailboxes().create(user.id(), MailboxName.of(name)).block(Duration.ofSeconds(30));
    }

    /** The user's mailbox with this name (INBOX, Sent, Junk, ...). */
    public Mailbox mailbox(TestUser user, String name) {
        return store().mailboxes().get(user.id(), MailboxName.of(name)).block(Duration.ofSeconds(30));
    }

    /** Stores {@code mail} in the mailbox as delivered (no flags, now as its date); the store's answer. */
    public Appended append(TestUser user, MailboxId box, byte[] mail) {
        return store().messages().append(new AppendRequest(user.id(), box, MessageSource.of(mail), null, null,
                AppendRequest.Origin.LMTP)).block(Duration.ofSeconds(30));
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }

    /** How the node differs from the defaults. */
    public static final class Builder {
        private final List<UnaryOperator<GannetConfig>> adjustments = new ArrayList<>();
        private StoreConnection.Embedded embedded = StoreConnection.Embedded.MEMORY;

        private Builder() {
        }

        /** Runs only these roles. */
        public Builder roles(String... roles) {
            List<String> list = List.of(roles);
            adjustments.add(c -> c.with(Settings.ROLES, list));
            return this;
        }

        public <T> Builder set(Setting<T> setting, T value) {
            adjustments.add(c -> c.with(setting, value));
            return this;
        }

        /** Uses the durable H2 file store, as the launcher does. */
        public Builder durable() {
            embedded = StoreConnection.Embedded.H2;
            return this;
        }

        public GannetExtension build() {
            return new GannetExtension(this);
        }
    }
}
