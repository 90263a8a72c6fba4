package dev.gannet.core.store.internal;

import com.mongodb.reactivestreams.client.MongoCollection;
import dev.gannet.core.store.UserId;
import dev.gannet.core.store.VacationLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * Reply records in the {@code sieve} collection (kind {@code vacation}, so deleting a user's Sieve data removes
 * them), {@code _id} {@code "v:" + user + ":" + sha256(sender, handle)}: the sender address is not stored in
 * clear. A first reply is an insert on that {@code _id} (the unique key decides a race); a later one replaces
 * an expired record by a compare-and-set on the {@code until} value read, so only one racer wins it.
 */
final class MongoVacationLog implements VacationLog {

    private final MongoCollection<Document> sieve;

    MongoVacationLog(Ctx ctx) {
        this.sieve = ctx.db().getCollection(Names.SIEVE);
    }

    static String id(UserId user, String sender, String handle) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest((sender.toLowerCase(Locale.ROOT) + "\0" + handle).getBytes(StandardCharsets.UTF_8));
            return "v:" + user.value() + ":" + HexFormat.of().formatHex(d, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Mono<Boolean> claim(UserId user, String sender, String handle, Instant now, Instant until) {
        String id = id(user, sender, handle);
        Document doc = new Document("_id", id).append("user", user.value()).append("kind", "vacation")
                .append("until", Date.from(until));
        return Errors.guard(Mono.from(sieve.insertOne(doc)).thenReturn(true)
                .onErrorResume(Errors::isDuplicateKey, e -> Mono.from(sieve.find(Ctx.byId(id)).first())
                        .flatMap(old -> {
                            Date was = old.getDate("until");
                            if (was != null && was.toInstant().isAfter(now)) {
                                return Mono.just(false);
                            }
                            return Mono.from(sieve.updateOne(new Document("_id", id).append("until", was),
                                    new Document("$set", new Document("until", Date.from(until)))))
                                    .map(r -> r.getModifiedCount() == 1);
                        })
                        // deleted between the insert and the read: the next delivery will insert again
                        .defaultIfEmpty(false)));
    }

    @Override
    public Mono<Void> release(UserId user, String sender, String handle, Instant until) {
        return Errors.guard(Mono.from(sieve.deleteOne(new Document("_id", id(user, sender, handle))
                .append("until", Date.from(until)))).then());
    }
}
