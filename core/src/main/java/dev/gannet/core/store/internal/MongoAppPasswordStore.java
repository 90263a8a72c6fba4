package dev.gannet.core.store.internal;

import com.mongodb.reactivestreams.client.MongoCollection;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.AppPassword;
import dev.gannet.core.store.AppPasswordStore;
import dev.gannet.core.store.UserId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * ASPs in the {@code asps} collection: {@code _id} is an ObjectId string (the id the API shows), {@code user}
 * the owner, and {@code lookup} the SHA-256 of the user id and the secret, with a unique index, so a login
 * finds the ASP by one exact key match on every backend. A fast hash is enough here: the secret is 16
 * random letters (75 bits), drawn by the server, never chosen by a person. Listing by {@code user} uses a
 * plain index on MongoDB and scans on the embedded store; a user has at most {@link #MAX_PER_USER}.
 */
final class MongoAppPasswordStore implements AppPasswordStore {

    static final int MAX_PER_USER = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoCollection<Document> asps;

    MongoAppPasswordStore(Ctx ctx) {
        this.asps = ctx.db().getCollection(Names.ASPS);
    }

    MongoCollection<Document> collection() {
        return asps;
    }

    static String generate() {
        char[] c = new char[16];
        for (int i = 0; i < c.length; i++) {
            c[i] = (char) ('a' + RANDOM.nextInt(26));
        }
        return new String(c);
    }

    static String lookup(UserId user, String secret) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(("asp\0" + user.value() + "\0" + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Mono<AppPassword.Created> create(UserId user, String description, List<String> scopes, Instant expires) {
        String secret = generate();
        String id = new ObjectId().toHexString();
        Instant now = Instant.now();
        Document doc = new Document("_id", id).append("user", user.value()).append("lookup", lookup(user, secret))
                .append("description", description).append("scopes", scopes).append("created", Date.from(now))
                .append("expires", expires == null ? null : Date.from(expires));
        return Errors.guard(Mono.from(asps.countDocuments(new Document("user", user.value())))
                .flatMap(n -> n >= MAX_PER_USER
                        ? Mono.error(GannetException.invalid("a user may have at most " + MAX_PER_USER + " application passwords"))
                        : Mono.from(asps.insertOne(doc)))
                .thenReturn(new AppPassword.Created(toAsp(doc), secret)));
    }

    @Override
    public Flux<AppPassword> list(UserId user) {
        return Errors.guard(Flux.from(asps.find(new Document("user", user.value())).batchSize(Ctx.SCAN_BATCH))
                .map(MongoAppPasswordStore::toAsp)
                .sort(java.util.Comparator.comparing(AppPassword::id)));
    }

    @Override
    public Mono<AppPassword> get(UserId user, String id) {
        return Errors.guard(Mono.from(asps.find(Ctx.byId(id)).first()))
                .filter(d -> user.value().equals(d.getString("user")))
                .map(MongoAppPasswordStore::toAsp);
    }

    /** One delete conditional on the owner ({@code _id}-anchored: an index lookup on every backend). */
    @Override
    public Mono<Boolean> delete(UserId user, String id) {
        return Errors.guard(Mono.from(asps.deleteOne(new Document("_id", id).append("user", user.value())))
                .map(r -> r.getDeletedCount() == 1));
    }

    @Override
    public Mono<AppPassword> match(UserId user, String secret) {
        return Errors.guard(Mono.from(asps.find(new Document("lookup", lookup(user, secret))).first()))
                .filter(d -> user.value().equals(d.getString("user")))
                .map(MongoAppPasswordStore::toAsp);
    }

    @Override
    public Mono<Boolean> recordUse(UserId user, String secret, AppPassword.LastUse use) {
        Document set = new Document("used", Date.from(use.time())).append("usedIp", use.ip())
                .append("usedProtocol", use.protocol()).append("authEvent", use.event());
        return Errors.guard(Mono.from(asps.updateOne(new Document("lookup", lookup(user, secret)), new Document("$set", set)))
                .map(r -> r.getMatchedCount() == 1));
    }

    @Override
    public Mono<Void> deleteAll(UserId user) {
        return Errors.guard(Mono.from(asps.deleteMany(new Document("user", user.value()))).then());
    }

    static AppPassword toAsp(Document d) {
        Date used = d.getDate("used");
        AppPassword.LastUse last = used == null ? null
                : new AppPassword.LastUse(used.toInstant(), d.getString("usedIp"), d.getString("usedProtocol"),
                        d.getString("authEvent"));
        Date expires = d.getDate("expires");
        return new AppPassword(d.getString("_id"), new UserId(d.getString("user")), d.getString("description"),
                d.getList("scopes", String.class, List.of()), d.getDate("created").toInstant(),
                expires == null ? null : expires.toInstant(), last);
    }
}
