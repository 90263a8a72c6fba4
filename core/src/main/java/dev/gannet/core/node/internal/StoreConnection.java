package dev.gannet.core.node.internal;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import dev.gannet.core.internal.embedded.EmbeddedStore;
import dev.gannet.core.internal.embedded.EmbeddedStoreException;
import dev.gannet.core.node.StartupException;
import org.bson.Document;
import org.bson.UuidRepresentation;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The node's connection to MongoDB: the embedded store started in this process when {@code mongo.uri}
 * is empty, or a remote deployment otherwise. Either way the same reactive driver talks to it, so every
 * code path above this class runs unchanged on both. A short server-selection timeout makes an
 * unreachable store surface as a timely error, which the protocols answer with a temporary failure.
 */
public final class StoreConnection implements AutoCloseable {

    /** How the embedded store keeps its data when {@code mongo.uri} is empty. */
    public enum Embedded { H2, MEMORY }

    private static final Duration SERVER_SELECTION_TIMEOUT = Duration.ofSeconds(5);

    private final Optional<EmbeddedStore> embedded;
    private final MongoClient client;
    private final MongoDatabase database;
    private final String kind;
    private final String where;

    private StoreConnection(Optional<EmbeddedStore> embedded, MongoClient client, MongoDatabase database,
            String kind, String where) {
        this.embedded = embedded;
        this.client = client;
        this.database = database;
        this.kind = kind;
        this.where = where;
    }

    /**
     * Starts the embedded store if needed, connects, and checks that the store answers.
     *
     * @throws StartupException with one line when the store cannot be opened or reached
     */
    public static StoreConnection open(GannetConfig config, Embedded embeddedKind) {
        String uri = config.get(Settings.MONGO_URI);
        Optional<EmbeddedStore> embedded = Optional.empty();
        ConnectionString connection;
        String kind;
        String where;
        if (uri.isBlank()) {
            EmbeddedStore store;
            try {
                store = embeddedKind == Embedded.MEMORY
                        ? EmbeddedStore.inMemory()
                        : EmbeddedStore.openH2(config.dataDir(), config.get(Settings.STORE_CACHE_MB), "127.0.0.1", 0);
            } catch (EmbeddedStoreException e) {
                throw new StartupException(e.getMessage(), e);
            }
            embedded = Optional.of(store);
            connection = new ConnectionString(store.connectionString());
            kind = "embedded";
            where = store.toString();
        } else {
            try {
                connection = new ConnectionString(uri);
            } catch (IllegalArgumentException e) {
                throw new StartupException("mongo.uri is not a MongoDB connection string: "
                        + withoutCredentials(String.valueOf(e.getMessage()), uri), null);
            }
            kind = "mongodb";
            where = "MongoDB at " + String.join(",", connection.getHosts());
        }
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(connection)
                .uuidRepresentation(UuidRepresentation.STANDARD)
                .applicationName("gannet");
        if (connection.getServerSelectionTimeout() == null) {
            settings.applyToClusterSettings(c -> c.serverSelectionTimeout(
                    SERVER_SELECTION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        }
        MongoClient client = MongoClients.create(settings.build());
        StoreConnection opened = new StoreConnection(embedded, client,
                client.getDatabase(config.get(Settings.MONGO_DATABASE)), kind, where);
        try {
            opened.ping().block(SERVER_SELECTION_TIMEOUT.plusSeconds(5));
        } catch (RuntimeException e) {
            opened.close();
            throw new StartupException("cannot reach " + where + ": " + oneLine(e), e);
        }
        return opened;
    }

    public MongoDatabase database() {
        return database;
    }

    /** "embedded" or "mongodb". */
    public String kind() {
        return kind;
    }

    /** Where the data lives, without credentials; for logs. */
    public String describe() {
        return where;
    }

    public Optional<EmbeddedStore> embedded() {
        return embedded;
    }

    /** Completes when the store answers a ping. */
    public Mono<Void> ping() {
        return Mono.from(database.runCommand(new Document("ping", 1))).then();
    }

    /** Stops the embedded store from accepting connections (the first step of shutdown). */
    public void stopAccepting() {
        embedded.ifPresent(EmbeddedStore::stopListening);
    }

    @Override
    public void close() {
        client.close();
        embedded.ifPresent(EmbeddedStore::close);
    }

    /**
     * The driver's complaint about a connection string may quote a piece of it, user name and password
     * included (an unescaped '@' in a password moves part of it into the host list): every piece of
     * what stands between "://" and the last '@' is masked.
     */
    static String withoutCredentials(String message, String uri) {
        int scheme = uri.indexOf("://");
        int end = uri.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        String authority = uri.substring(scheme < 0 ? 0 : scheme + 3, end < 0 ? uri.length() : end);
        int at = authority.lastIndexOf('@');
        if (at < 0) {
            return message;
        }
        String out = message.replace(authority.substring(0, at), "***");
        for (String piece : authority.substring(0, at).split("[:@]")) {
            if (piece.length() >= 3) {
                out = out.replace(piece, "***");
            }
        }
        return out;
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
