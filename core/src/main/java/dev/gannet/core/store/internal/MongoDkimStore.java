package dev.gannet.core.store.internal;

import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.gannet.core.store.DkimStore;
import dev.gannet.core.store.EmailAddress;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * DKIM keys in the {@code dkim} collection: {@code _id} is the key's id, {@code domain} (normalised) carries a
 * unique index, so the signer's lookup is an exact unique-key match on every backend and two keys for one domain
 * cannot exist. {@link #put} replaces the domain's document in place (keeping its id) and inserts only when there
 * is none; an insert that loses a race to another insert for the same domain becomes a replace of the winner.
 */
final class MongoDkimStore implements DkimStore {

    private final MongoCollection<Document> dkim;

    MongoDkimStore(Ctx ctx) {
        this.dkim = ctx.db().getCollection(Names.DKIM);
    }

    static String normalise(String domain) {
        return EmailAddress.wildcard(domain).domain();
    }

    @Override
    public Mono<Key> put(Key key) {
        String domain = normalise(key.domain());
        return Errors.guard(replace(key, domain).switchIfEmpty(Mono.defer(() -> {
            Document doc = toDoc(key, key.id(), domain);
            return Mono.from(dkim.insertOne(doc)).thenReturn(toKey(doc))
                    .onErrorResume(Errors::isDuplicateKey, e -> replace(key, domain));
        })));
    }

    /** Replaces the domain's existing key, keeping its id; empty when the domain has none. */
    private Mono<Key> replace(Key key, String domain) {
        return Mono.from(dkim.find(new Document("domain", domain)).first()).flatMap(old -> {
            String id = old.getString("_id");
            Document doc = toDoc(key, id, domain);
            return Mono.from(dkim.findOneAndReplace(new Document("_id", id), doc,
                    new FindOneAndReplaceOptions().returnDocument(ReturnDocument.AFTER))).map(MongoDkimStore::toKey);
        });
    }

    @Override
    public Mono<Key> get(String id) {
        return Errors.guard(Mono.from(dkim.find(Ctx.byId(id)).first()).map(MongoDkimStore::toKey));
    }

    @Override
    public Mono<Key> byDomain(String domain) {
        String d;
        try {
            d = normalise(domain);
        } catch (RuntimeException e) {
            return Mono.empty();
        }
        return Errors.guard(Mono.from(dkim.find(new Document("domain", d)).first()).map(MongoDkimStore::toKey));
    }

    @Override
    public Flux<Key> list() {
        return Errors.guard(Flux.from(dkim.find().batchSize(Ctx.SCAN_BATCH)).map(MongoDkimStore::toKey)
                .sort(Comparator.comparing(Key::domain)));
    }

    @Override
    public Mono<Boolean> delete(String id) {
        return Errors.guard(Mono.from(dkim.deleteOne(Ctx.byId(id))).map(r -> r.getDeletedCount() == 1));
    }

    private static Document toDoc(Key key, String id, String domain) {
        return new Document("_id", id).append("domain", domain).append("selector", key.selector())
                .append("description", key.description()).append("privateKey", key.privateKey())
                .append("publicKey", key.publicKey()).append("fingerprint", key.fingerprint())
                .append("created", Date.from(key.created()));
    }

    private static Key toKey(Document d) {
        Date created = d.getDate("created");
        return new Key(d.getString("_id"), d.getString("domain"), d.getString("selector"), d.getString("description"),
                d.getString("privateKey"), d.getString("publicKey"), d.getString("fingerprint"),
                created == null ? Instant.EPOCH : created.toInstant());
    }
}
