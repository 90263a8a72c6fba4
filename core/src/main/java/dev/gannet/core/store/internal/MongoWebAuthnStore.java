package dev.gannet.core.store.internal;

import com.mongodb.reactivestreams.client.MongoCollection;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.UserId;
import dev.gannet.core.store.WebAuthnCredential;
import dev.gannet.core.store.WebAuthnStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * WebAuthn credentials in the {@code webauthn} collection. {@code _id} is an ObjectId string (the id the API
 * shows), {@code credentialId} the authenticator's credential id in hex under a unique index (an assertion finds
 * its credential by one exact key match on every backend, and no credential id is registered twice), and
 * {@code slot} a number below {@link #MAX_PER_USER} unique per user, so the per-user limit holds even when
 * registrations race: a second insert into a slot fails on the index instead of growing past the limit. Listing by
 * {@code user} uses a plain index on MongoDB and scans on the embedded store. The user's {@code enabled2fa} entry is
 * added after every insert and removed when a delete leaves no credential, then re-added if one arrived meanwhile,
 * so racing registrations and deletions settle on the truth.
 */
final class MongoWebAuthnStore implements WebAuthnStore {

    static final String METHOD = "webauthn";
    private static final HexFormat HEX = HexFormat.of();

    private final Ctx ctx;
    private final MongoCollection<Document> creds;

    MongoWebAuthnStore(Ctx ctx) {
        this.ctx = ctx;
        this.creds = ctx.db().getCollection(Names.WEBAUTHN);
    }

    @Override
    public Mono<WebAuthnCredential> add(UserId user, WebAuthnCredential.New c) {
        return Errors.guard(insert(user, c, MAX_PER_USER + 1)
                .flatMap(doc -> Mono.from(ctx.users().updateOne(Ctx.byId(user.value()),
                                new Document("$addToSet", new Document("enabled2fa", METHOD))))
                        .flatMap(r -> r.getMatchedCount() == 1 ? Mono.just(toCredential(doc))
                                // the user was deleted meanwhile: take back what was written for it
                                : Mono.from(creds.deleteOne(Ctx.byId(doc.getString("_id"))))
                                        .then(Mono.error(GannetException.notFound("user " + user))))));
    }

    private Mono<Document> insert(UserId user, WebAuthnCredential.New c, int attempts) {
        return Flux.from(creds.find(new Document("user", user.value())).projection(new Document("slot", 1)))
                .map(d -> ((Number) d.get("slot")).intValue()).collect(HashSet<Integer>::new, Set::add)
                .flatMap(used -> {
                    int slot = 0;
                    while (used.contains(slot)) {
                        slot++;
                    }
                    if (slot >= MAX_PER_USER) {
                        return Mono.error(GannetException.invalid("a user may have at most " + MAX_PER_USER
                                + " WebAuthn credentials"));
                    }
                    Instant now = Instant.now();
                    Document doc = new Document("_id", new ObjectId().toHexString()).append("user", user.value())
                            .append("slot", slot).append("credentialId", HEX.formatHex(c.credentialId()))
                            .append("publicKey", new Binary(c.publicKeyCose())).append("signCount", c.signCount())
                            .append("description", c.description())
                            .append("authenticatorAttachment", c.authenticatorAttachment()).append("rpId", c.rpId())
                            .append("created", Date.from(now));
                    return Mono.from(creds.insertOne(doc)).thenReturn(doc)
                            .onErrorResume(Errors::isDuplicateKey, e -> afterDuplicate(user, c, attempts));
                });
    }

    /** A unique index refused the insert: the credential id is taken, or a racing registration took the slot. */
    private Mono<Document> afterDuplicate(UserId user, WebAuthnCredential.New c, int attempts) {
        Mono<Document> retry = Mono.defer(() -> attempts > 1 ? insert(user, c, attempts - 1)
                : Mono.error(GannetException.conflict("WebAuthn registrations raced")));
        return Mono.from(creds.find(new Document("credentialId", HEX.formatHex(c.credentialId()))).first())
                .flatMap(taken -> Mono.<Document>error(GannetException.alreadyExists("WebAuthn credential")))
                .switchIfEmpty(retry);
    }

    @Override
    public Flux<WebAuthnCredential> list(UserId user) {
        return Errors.guard(Flux.from(creds.find(new Document("user", user.value())).batchSize(Ctx.SCAN_BATCH))
                .map(MongoWebAuthnStore::toCredential)
                .sort(Comparator.comparing(WebAuthnCredential::created).thenComparing(WebAuthnCredential::id)));
    }

    @Override
    public Mono<WebAuthnCredential> find(UserId user, byte[] credentialId) {
        return Errors.guard(Mono.from(creds.find(new Document("credentialId", HEX.formatHex(credentialId))).first()))
                .filter(d -> user.value().equals(d.getString("user")))
                .map(MongoWebAuthnStore::toCredential);
    }

    @Override
    public Mono<Boolean> delete(UserId user, String id) {
        return Errors.guard(Mono.from(creds.deleteOne(new Document("_id", id).append("user", user.value())))
                .flatMap(r -> r.getDeletedCount() == 1 ? settle(user).thenReturn(true) : Mono.just(false)));
    }

    /** After a delete: no credential left, no {@code "webauthn"} in {@code enabled2fa}; one arrived meanwhile, back. */
    private Mono<Void> settle(UserId user) {
        return any(user).flatMap(has -> has ? Mono.<Void>empty()
                : Mono.from(ctx.users().updateOne(Ctx.byId(user.value()),
                                new Document("$pull", new Document("enabled2fa", METHOD))))
                        .then(any(user))
                        .flatMap(again -> again ? Mono.from(ctx.users().updateOne(Ctx.byId(user.value()),
                                new Document("$addToSet", new Document("enabled2fa", METHOD)))).then()
                                : Mono.<Void>empty()));
    }

    private Mono<Boolean> any(UserId user) {
        return Mono.from(creds.find(new Document("user", user.value())).projection(new Document("_id", 1)).first())
                .hasElement();
    }

    @Override
    public Mono<Boolean> recordUse(String id, long newCount, Instant at) {
        Object condition = newCount == 0 ? (Object) 0L : new Document("$lt", newCount);
        Document filter = new Document("_id", id).append("signCount", condition);
        return Errors.guard(Mono.from(creds.updateOne(filter, new Document("$set",
                        new Document("signCount", newCount).append("lastUsed", Date.from(at)))))
                .map(r -> r.getMatchedCount() == 1));
    }

    @Override
    public Mono<Void> deleteAll(UserId user) {
        return Errors.guard(Mono.from(creds.deleteMany(new Document("user", user.value())))
                .then(Mono.from(ctx.users().updateOne(Ctx.byId(user.value()),
                        new Document("$pull", new Document("enabled2fa", METHOD)))))
                .then());
    }

    static WebAuthnCredential toCredential(Document d) {
        Date used = d.getDate("lastUsed");
        return new WebAuthnCredential(d.getString("_id"), new UserId(d.getString("user")),
                HEX.parseHex(d.getString("credentialId")), d.get("publicKey", Binary.class).getData(),
                ((Number) d.get("signCount")).longValue(), d.getString("description"),
                d.getString("authenticatorAttachment"), d.getString("rpId"), d.getDate("created").toInstant(),
                used == null ? null : used.toInstant());
    }
}
