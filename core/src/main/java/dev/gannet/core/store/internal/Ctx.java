package dev.gannet.core.store.internal;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.gannet.core.plugin.PluginRunner;
import org.bson.Document;

/** The collections and settings every part of the MongoDB store shares; built once by {@link MongoMailStore}. */
record Ctx(MongoDatabase db, MongoCollection<Document> users, MongoCollection<Document> addresses,
        MongoCollection<Document> mailboxes, MongoCollection<Document> messages, MongoCollection<Document> journal,
        MongoCollection<Document> threads, MongoCollection<Document> files, MongoCollection<Document> chunks,
        StoreOptions options, Bell bell, PluginRunner plugins) {

    static Ctx of(MongoDatabase db, StoreOptions options, Bell bell, PluginRunner plugins) {
        return new Ctx(db, db.getCollection(Names.USERS), db.getCollection(Names.ADDRESSES),
                db.getCollection(Names.MAILBOXES), db.getCollection(Names.MESSAGES), db.getCollection(Names.JOURNAL),
                db.getCollection(Names.THREADS), db.getCollection(Names.FILES), db.getCollection(Names.CHUNKS),
                options, bell, plugins);
    }

    /** A plain document filter {@code {_id: id}}: an exact key lookup on every backend. */
    static Document byId(Object id) {
        return new Document("_id", id);
    }

    /** {@code {_id: {$in: ids}}}, nothing else, so the embedded server uses its index (EMBEDDED-STORE §6.7). */
    static Document byIds(java.util.Collection<?> ids) {
        return new Document("_id", new Document("$in", new java.util.ArrayList<>(ids)));
    }
}
