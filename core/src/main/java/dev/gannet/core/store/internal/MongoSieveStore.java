package dev.gannet.core.store.internal;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.SieveStore;
import dev.gannet.core.store.UserId;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Scripts in the {@code sieve} collection. A script's {@code _id} is {@code "s:" + user + ":" + name}, so every
 * read and write of one script is an exact {@code _id} match on every backend; the user's choice of active
 * script is one more document, {@code "a:" + user}, holding its name and an activation token, and the active
 * script carries the same token in {@code active}. Delivery reads the pointer and then the script: two {@code _id}
 * lookups. Every decision is a conditional write's: a delete matches only a script without {@code active}, so it
 * cannot remove one that an activation marked first (and an activation of a deleted script finds nothing to mark);
 * an activation that replaces another script in the pointer clears that script's mark only if it still holds the
 * token the pointer had. The script count is a counter document {@code "c:" + user} that a create raises only
 * below {@link #MAX_SCRIPTS} and a delete lowers by what it deleted. Listing by {@code user} uses a plain index on
 * MongoDB and scans on the embedded store (a user has at most {@link #MAX_SCRIPTS}).
 */
final class MongoSieveStore implements SieveStore {

    private final MongoCollection<Document> sieve;

    MongoSieveStore(Ctx ctx) {
        this.sieve = ctx.db().getCollection(Names.SIEVE);
    }

    private static String scriptId(UserId user, String name) {
        return "s:" + user.value() + ":" + name;
    }

    private static String pointerId(UserId user) {
        return "a:" + user.value();
    }

    private static String counterId(UserId user) {
        return "c:" + user.value();
    }

    private static Document scripts(UserId user) {
        return new Document("user", user.value()).append("kind", "script");
    }

    private Mono<String> activeName(UserId user) {
        return Mono.from(sieve.find(Ctx.byId(pointerId(user))).first()).mapNotNull(d -> d.getString("name"));
    }

    @Override
    public Flux<Script> list(UserId user) {
        return Errors.guard(activeName(user).defaultIfEmpty("").flatMapMany(active ->
                Flux.from(sieve.find(new Document("user", user.value()).append("kind", "script")).batchSize(Ctx.SCAN_BATCH))
                        .map(d -> toScript(d, active))
                        .sort(Comparator.comparing(Script::name))));
    }

    @Override
    public Mono<Script> get(UserId user, String name) {
        return Errors.guard(activeName(user).defaultIfEmpty("").flatMap(active ->
                Mono.from(sieve.find(Ctx.byId(scriptId(user, name))).first()).map(d -> toScript(d, active))));
    }

    @Override
    public Mono<Void> put(UserId user, String name, String source) {
        String id = scriptId(user, name);
        Document set = new Document("$set", new Document("source", source).append("updated", new Date()));
        Document doc = scripts(user).append("_id", id).append("name", name).append("source", source)
                .append("updated", new Date());
        Mono<Void> replace = Mono.from(sieve.updateOne(Ctx.byId(id), set)).then();
        Mono<Void> create = reserve(user).then(Mono.from(sieve.insertOne(doc)).then()
                // created by a racing put meanwhile: give the slot back and replace that one
                .onErrorResume(Errors::isDuplicateKey, e -> release(user, 1).then(replace)));
        return Errors.guard(Mono.from(sieve.updateOne(Ctx.byId(id), set))
                .flatMap(r -> r.getMatchedCount() == 1 ? Mono.<Void>empty() : create));
    }

    /** Takes one of the user's {@link #MAX_SCRIPTS} slots, or fails INVALID when none is left. */
    private Mono<Void> reserve(UserId user) {
        Document below = new Document("_id", counterId(user)).append("n", new Document("$lt", MAX_SCRIPTS));
        Document inc = new Document("$inc", new Document("n", 1));
        Mono<Boolean> taken = Mono.from(sieve.updateOne(below, inc)).map(r -> r.getMatchedCount() == 1);
        // a user from before the counter existed: start it at the scripts they have (a racing start loses the insert)
        Mono<Void> start = Mono.from(sieve.countDocuments(scripts(user)))
                .flatMap(n -> Mono.from(sieve.insertOne(new Document("_id", counterId(user)).append("user", user.value())
                        .append("kind", "count").append("n", n))))
                .onErrorResume(Errors::isDuplicateKey, e -> Mono.empty()).then();
        Mono<Void> full = Mono.error(GannetException.invalid("a user may keep at most " + MAX_SCRIPTS + " Sieve scripts"));
        return taken.flatMap(ok -> ok ? Mono.<Void>empty()
                : Mono.from(sieve.find(Ctx.byId(counterId(user))).first()).hasElement()
                        .flatMap(exists -> exists ? full : start.then(taken).flatMap(again -> again ? Mono.<Void>empty() : full)));
    }

    private Mono<Void> release(UserId user, long n) {
        return Mono.from(sieve.updateOne(Ctx.byId(counterId(user)), new Document("$inc", new Document("n", -n)))).then();
    }

    @Override
    public Mono<Boolean> delete(UserId user, String name) {
        String id = scriptId(user, name);
        Mono<Boolean> refusedOrAbsent = Mono.from(sieve.find(Ctx.byId(id)).first()).hasElement()
                .flatMap(exists -> exists ? Mono.error(GannetException.conflict("the active script cannot be deleted"))
                        : Mono.just(false));
        return Errors.guard(markLegacyPointer(user).then(Mono.from(sieve.deleteOne(
                        new Document("_id", id).append("active", new Document("$exists", false)))))
                .flatMap(r -> r.getDeletedCount() == 1 ? release(user, 1).thenReturn(true) : refusedOrAbsent));
    }

    /**
     * A pointer written before scripts carried their activation token marks its script now, so that the
     * conditional delete refuses it.
     */
    private Mono<Void> markLegacyPointer(UserId user) {
        return Mono.from(sieve.find(Ctx.byId(pointerId(user))).first())
                .filter(p -> p.get("token") == null && p.getString("name") != null)
                .flatMap(p -> {
                    String token = new org.bson.types.ObjectId().toHexString();
                    return Mono.from(sieve.updateOne(new Document("_id", pointerId(user)).append("name", p.getString("name"))
                                    .append("token", new Document("$exists", false)), new Document("$set", new Document("token", token))))
                            .filter(r -> r.getModifiedCount() == 1)
                            .flatMap(r -> Mono.from(sieve.updateOne(Ctx.byId(scriptId(user, p.getString("name"))),
                                    new Document("$set", new Document("active", token)))));
                }).then();
    }

    @Override
    public Mono<Void> rename(UserId user, String from, String to) {
        if (from.equals(to)) {
            return get(user, from).switchIfEmpty(Mono.error(GannetException.notFound("script " + from))).then();
        }
        return Errors.guard(Mono.from(sieve.find(Ctx.byId(scriptId(user, from))).first())
                .switchIfEmpty(Mono.error(GannetException.notFound("script " + from)))
                .flatMap(old -> {
                    Document copy = new Document(old).append("_id", scriptId(user, to)).append("name", to)
                            .append("updated", new Date());
                    // the unique _id refuses a second script of the new name (ALREADY_EXISTS through Errors)
                    return Mono.from(sieve.insertOne(copy))
                            .onErrorMap(Errors::isDuplicateKey, e -> GannetException.alreadyExists("script " + to))
                            .then(Mono.from(sieve.updateOne(new Document("_id", pointerId(user)).append("name", from),
                                    new Document("$set", new Document("name", to)))))
                            .then(Mono.from(sieve.deleteOne(Ctx.byId(scriptId(user, from)))));
                }).then());
    }

    @Override
    public Mono<Void> activate(UserId user, String name) {
        if (name == null) {
            return Errors.guard(Mono.from(sieve.findOneAndDelete(Ctx.byId(pointerId(user)))).flatMap(old -> unmark(user, old)));
        }
        String token = new org.bson.types.ObjectId().toHexString();
        Document pointer = new Document("$set", new Document("name", name).append("token", token).append("user", user.value())
                .append("kind", "active"));
        return Errors.guard(Mono.from(sieve.updateOne(Ctx.byId(scriptId(user, name)), new Document("$set", new Document("active", token))))
                .flatMap(r -> r.getMatchedCount() == 0 ? Mono.error(GannetException.notFound("script " + name))
                        : Mono.defer(() -> Mono.from(sieve.findOneAndUpdate(Ctx.byId(pointerId(user)), pointer,
                                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE))))
                                // two first activations at once: the upsert that lost the insert updates the winner's
                                .onErrorResume(Errors::isDuplicateKey, e -> Mono.from(sieve.findOneAndUpdate(
                                        Ctx.byId(pointerId(user)), pointer,
                                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)))))
                .filter(old -> !name.equals(old.getString("name")))
                .flatMap(old -> unmark(user, old)));
    }

    @Override
    public Mono<Boolean> deactivate(UserId user, String name) {
        return Errors.guard(Mono.from(sieve.findOneAndDelete(new Document("_id", pointerId(user)).append("name", name)))
                .flatMap(old -> unmark(user, old).thenReturn(true)).defaultIfEmpty(false));
    }

    /** Clears the mark of the script a replaced pointer named, if it still carries that pointer's token. */
    private Mono<Void> unmark(UserId user, Document oldPointer) {
        String name = oldPointer.getString("name");
        if (name == null) {
            return Mono.empty();
        }
        return Mono.from(sieve.updateOne(new Document("_id", scriptId(user, name)).append("active", oldPointer.get("token")),
                new Document("$unset", new Document("active", "")))).then();
    }

    @Override
    public Mono<Script> active(UserId user) {
        return Errors.guard(activeName(user).flatMap(name -> Mono.from(sieve.find(Ctx.byId(scriptId(user, name))).first())
                .map(d -> toScript(d, name))));
    }

    @Override
    public Mono<Void> deleteAll(UserId user) {
        return Errors.guard(Mono.from(sieve.deleteMany(new Document("user", user.value()))).then());
    }

    private static Script toScript(Document d, String active) {
        String name = d.getString("name");
        Date updated = d.getDate("updated");
        return new Script(name, d.getString("source"), name.equals(active),
                updated == null ? Instant.EPOCH : updated.toInstant());
    }
}
