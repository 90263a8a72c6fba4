package dev.gannet.core.testing;

import dev.gannet.core.internal.embedded.EmbeddedStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A durable embedded store that a test runs itself on a fixed loopback port, so it can take it away mid-run
 * ({@link #stop()}) and bring it back on the same port and directory ({@link #restart()}) while a node keeps
 * talking to it through {@link #uri()}. Register it before the node's {@link GannetExtension}, which it outlives:
 *
 * <pre>{@code
 * @RegisterExtension @Order(1) static final OutageStore STORE = OutageStore.open("gannet-lmtp-outage");
 * @RegisterExtension @Order(2) static final GannetExtension gannet = GannetExtension.builder()
 *         .set(Settings.MONGO_URI, STORE.uri()).build();
 * }</pre>
 */
public final class OutageStore implements AfterAllCallback {

    private final Path dir;
    private final int port;
    private EmbeddedStore store;

    private OutageStore(Path dir, int port) {
        this.dir = dir;
        this.port = port;
        this.store = EmbeddedStore.openH2(dir, 16, "127.0.0.1", port);
    }

    /** Opens a store in a new temporary directory named after {@code prefix}, on a port that was free. */
    public static OutageStore open(String prefix) {
        try (ServerSocket s = new ServerSocket(0)) {
            int port = s.getLocalPort();
            s.close();
            return new OutageStore(Files.createTempDirectory(prefix), port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The connection string; the driver gives up on an absent server after one second. */
    public String uri() {
        return "mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=1000";
    }

    /** Takes the store away: connections are refused until {@link #restart()}. */
    public void stop() {
        store.close();
    }

    /** Opens the store again on the same port and directory, with everything it held. */
    public void restart() {
        store = EmbeddedStore.openH2(dir, 16, "127.0.0.1", port);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        store.close();
    }
}
