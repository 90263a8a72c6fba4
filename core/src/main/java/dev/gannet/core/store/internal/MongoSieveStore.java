package dev.gannet.core.store.internal;

import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
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
 * script is one more document, {@code "a:" + user}, holding its name. Delivery reads the pointer and then the
 * script: two {@code _id} lookups. Listing by {@code user} uses a plain index on MongoDB and scans on the
 * embedded store (a user has at most {@link #MAX_SCRIPTS}). Deleting checks the pointer first, so deleting the
 * active script is refused; a rename moves the pointer with a write conditional on it still naming the old name.
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
        Document doc = new Document("_id", id).append("user", user.value()).append("kind", "script")
                .append("name", name).append("source", source).append("updated", new Date());
        Mono<Void> replace = Mono.from(sieve.replaceOne(Ctx.byId(id), doc, new ReplaceOptions().upsert(true))).then();
        return Errors.guard(Mono.from(sieve.find(Ctx.byId(id)).first()).hasElement().flatMap(exists -> exists ? replace
                : Mono.from(sieve.countDocuments(new Document("user", user.value()).append("kind", "script")))
                        .flatMap(n -> n >= MAX_SCRIPTS
                                ? Mono.error(GannetException.invalid("a user may keep at most " + MAX_SCRIPTS + " Sieve scripts"))
                                : replace)));
    }

    @Override
    public Mono<Boolean> delete(UserId user, String name) {
        return Errors.guard(activeName(user).defaultIfEmpty("").flatMap(active -> active.equals(name)
                ? Mono.error(GannetException.conflict("the active script cannot be deleted"))
                : Mono.from(sieve.deleteOne(Ctx.byId(scriptId(user, name)))).map(r -> r.getDeletedCount() == 1)));
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
            return Errors.guard(Mono.from(sieve.deleteOne(Ctx.byId(pointerId(user)))).then());
        }
        return Errors.guard(Mono.from(sieve.find(Ctx.byId(scriptId(user, name))).first())
                .switchIfEmpty(Mono.error(GannetException.notFound("script " + name)))
                .flatMap(d -> Mono.from(sieve.updateOne(Ctx.byId(pointerId(user)),
                        new Document("$set", new Document("name", name).append("user", user.value()).append("kind", "active")),
                        new UpdateOptions().upsert(true))))
                .then());
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
