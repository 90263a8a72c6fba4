package dev.gannet.core.internal.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The in-process MongoDB wire-protocol server (mongo-java-server) that Gannet runs when no
 * {@code mongo.uri} is configured. It listens on loopback only; the real reactive driver connects to it,
 * so the code paths are the ones that run against MongoDB. The H2 flavour keeps one MVStore file under
 * the data directory and makes every acknowledged write durable; the memory flavour is for tests.
 */
public final class EmbeddedStore implements AutoCloseable {

    /** The MVStore file's name inside the data directory. */
    public static final String FILE_NAME = "gannet-store.mv.db";

    private final MongoServer server;
    private final MongoBackend backend;
    private final InetSocketAddress address;
    private final String description;

    private EmbeddedStore(MongoServer server, MongoBackend backend, InetSocketAddress address, String description) {
        this.server = server;
        this.backend = backend;
        this.address = address;
        this.description = description;
    }

    /**
     * Opens (or creates) the durable store in {@code dataDir} and listens on {@code host:port}
     * ({@code port} 0 picks a free one).
     *
     * @throws EmbeddedStoreException with a one-line reason when the file is locked, corrupt or
     *     unwritable, or the port is taken
     */
    public static EmbeddedStore openH2(Path dataDir, int cacheMb, String host, int port) {
        Objects.requireNonNull(dataDir, "dataDir");
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new EmbeddedStoreException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        MVStore mvStore;
        try {
            mvStore = new MVStore.Builder()
                    .fileName(file.toString())
                    .cacheSize(cacheMb)
                    .autoCommitDisabled()
                    .open();
        } catch (MVStoreException e) {
            throw new EmbeddedStoreException(describeOpenFailure(file, e), e);
        } catch (RuntimeException e) {
            throw new EmbeddedStoreException("cannot open store file " + file + ": " + e.getMessage(), e);
        }
        DurableH2Backend backend;
        try {
            backend = new DurableH2Backend(mvStore);
        } catch (RuntimeException e) {
            mvStore.closeImmediately();
            throw new EmbeddedStoreException("store file " + file + " is not a Gannet store or is corrupt: "
                    + e.getMessage(), e);
        }
        return listen(backend, host, port, "h2:" + file);
    }

    /** A throw-away store that keeps everything in memory, for tests. */
    public static EmbeddedStore inMemory() {
        return listen(new MemoryStore(), "127.0.0.1", 0, "memory");
    }

    private static EmbeddedStore listen(MongoBackend backend, String host, int port, String description) {
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            server.shutdownNow();
            backend.close();
            if (hasCause(e, BindException.class)) {
                throw new EmbeddedStoreException("embedded store port " + host + ":" + port + " is already in use", e);
            }
            throw new EmbeddedStoreException("embedded store cannot listen on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        return new EmbeddedStore(server, backend, server.getLocalAddress(), description);
    }

    private static String describeOpenFailure(Path file, MVStoreException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("locked")) {
            return "store file " + file + " is locked: another Gannet process is using this data directory";
        }
        return "store file " + file + " cannot be opened (corrupt or unreadable): " + firstLine(message);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** {@code mongodb://host:port}, ready for the driver. */
    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    public InetSocketAddress address() {
        return address;
    }

    /** Stops accepting new connections; the store stays open for {@link #close()}. */
    public void stopListening() {
        server.stopListening();
    }

    /** Closes client connections, then the backend (which commits and closes the file). */
    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }

    @Override
    public String toString() {
        return "embedded store " + description + " on " + address.getHostString() + ":" + address.getPort();
    }
}
