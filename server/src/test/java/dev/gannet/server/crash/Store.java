package dev.gannet.server.crash;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.gannet.core.testing.StoreInvariants;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A driver client on a running store's port, for what a crash test reads below the API: whether a kill landed part
 * way, and the store's invariants after the repair ({@link StoreInvariants}). It only reads, except where a test
 * says it simulates drift.
 */
final class Store implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final MongoClient client;
    private final String uri;

    Store(int port) {
        this.uri = "mongodb://127.0.0.1:" + port;
        this.client = MongoClients.create(uri + "/?serverSelectionTimeoutMS=5000");
    }

    String uri() {
        return uri;
    }

    MongoDatabase db() {
        return client.getDatabase("gannet");
    }

    long count(String collection, Document filter) {
        return Mono.from(db().getCollection(collection).countDocuments(filter)).block(WAIT);
    }

    List<Document> find(String collection, Document filter) {
        return Flux.from(db().getCollection(collection).find(filter)).collectList().block(WAIT);
    }

    List<Document> find(String collection, Document filter, Document projection) {
        return Flux.from(db().getCollection(collection).find(filter).projection(projection)).collectList().block(WAIT);
    }

    Document one(String collection, Document filter) {
        return Mono.from(db().getCollection(collection).find(filter).first()).block(WAIT);
    }

    String userId(String username) {
        return one("users", new Document("usernameLower", username.toLowerCase())).getString("_id");
    }

    /** The {@code tree} intent (TreeLock) recorded on the user's document, or null. */
    Document treeIntent(String userId) {
        return one("users", new Document("_id", userId)).get("tree", Document.class);
    }

    /** The user's {@code storageUsed} as its document says. */
    long storageUsed(String userId) {
        return one("users", new Document("_id", userId)).get("storageUsed") instanceof Number n ? n.longValue() : 0;
    }

    /** The bytes of the user's live messages (not expunged), whatever mailbox document they name: a recount. */
    long liveBytes(String userId) {
        return Flux.from(db().getCollection("messages").find(new Document("user", userId))
                        .projection(new Document("size", 1).append("x", 1)))
                .filter(d -> !d.containsKey("x"))
                .map(d -> d.get("size") instanceof Number n ? n.longValue() : 0L)
                .reduce(0L, Long::sum).block(WAIT);
    }

    /** Ids of bytes documents whose message document is gone (what a crash between the two writes leaves). */
    Set<String> bodiesWithoutMessage() {
        Set<String> messages = new HashSet<>();
        Flux.from(db().getCollection("messages").find().projection(new Document("_id", 1)))
                .doOnNext(d -> messages.add(d.getString("_id"))).blockLast(WAIT);
        Set<String> orphans = new HashSet<>();
        Flux.from(db().getCollection("bodies").find().projection(new Document("_id", 1)))
                .map(d -> d.getString("_id")).filter(id -> !messages.contains(id)).doOnNext(orphans::add).blockLast(WAIT);
        return orphans;
    }

    /** Counters, quota, blob references and chunks as the messages say (throws AssertionError if not). */
    void checkInvariants() {
        new StoreInvariants(db()).check();
    }

    @Override
    public void close() {
        client.close();
    }
}
