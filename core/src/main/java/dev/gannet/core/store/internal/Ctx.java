package dev.gannet.core.store.internal;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.gannet.core.plugin.PluginRunner;
import org.bson.Document;

/** The collections and settings every part of the MongoDB store shares; built once by {@link MongoMailStore}. */
record Ctx(MongoDatabase db, MongoCollection<Document> users, MongoCollection<Document> addresses,
        MongoCollection<Document> mailboxes, MongoCollection<Document> messages, MongoCollection<Document> bodies,
        MongoCollection<Document> journal,
        MongoCollection<Document> threads, MongoCollection<Document> files, MongoCollection<Document> chunks,
        MongoCollection<Document> ops, StoreOptions options, Bell bell, PluginRunner plugins) {

    static Ctx of(MongoDatabase db, StoreOptions options, Bell bell, PluginRunner plugins) {
        return new Ctx(db, db.getCollection(Names.USERS), db.getCollection(Names.ADDRESSES),
                db.getCollection(Names.MAILBOXES), db.getCollection(Names.MESSAGES), db.getCollection(Names.BODIES),
                db.getCollection(Names.JOURNAL),
                db.getCollection(Names.THREADS), db.getCollection(Names.FILES), db.getCollection(Names.CHUNKS),
                db.getCollection(Names.OPS), options, bell, plugins);
    }

    /**
     * Writes with this concern are steps of a larger operation whose last write uses the collection's own
     * (durable) concern: MongoDB journals in order, so the last write's acknowledgement covers the earlier
     * ones, and the embedded store skips its commit and fsync for them (DurableH2Backend). Use it only where
     * a durable write of the same operation follows on every path that answers success.
     */
    static final com.mongodb.WriteConcern STEP = com.mongodb.WriteConcern.W1.withJournal(false);

    /** {@code c} writing with {@link #STEP}. */
    static MongoCollection<Document> step(MongoCollection<Document> c) {
        return c.withWriteConcern(STEP);
    }

    /**
     * Batch size for every scan that can return many documents. Without one the embedded server answers a
     * cursor's {@code getMore} with everything that is left in one reply, which for a search over 100,000
     * messages exceeded the driver's 48 MB message limit (MongoInternalException, answered as UNAVAILABLE).
     */
    static final int SCAN_BATCH = 500;

    /** A plain document filter {@code {_id: id}}: an exact key lookup on every backend. */
    static Document byId(Object id) {
        return new Document("_id", id);
    }

    /** {@code {_id: {$in: ids}}}, nothing else, so the embedded server uses its index (EMBEDDED-STORE §6.7). */
    static Document byIds(java.util.Collection<?> ids) {
        return new Document("_id", new Document("$in", new java.util.ArrayList<>(ids)));
    }
}
