package dev.gannet.core.store.internal;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.gannet.core.store.AuthEvent;
import dev.gannet.core.store.AuthLogStore;
import dev.gannet.core.store.UserId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code authlog} collection. A known user's event n is stored under {@code "<user>:<n>"}, n taken from
 * {@code authlogSeq} on the users document by {@code findOneAndUpdate($inc, BEFORE)} (exact under
 * concurrency on both backends, EMBEDDED-STORE §6.6), so pages are {@code _id $in} lookups. The counter
 * write is a step: the event's own insert is the durable write that follows it.
 */
final class MongoAuthLogStore implements AuthLogStore {

    private final Ctx ctx;
    private final MongoCollection<Document> log;

    MongoAuthLogStore(Ctx ctx) {
        this.ctx = ctx;
        this.log = ctx.db().getCollection(Names.AUTHLOG);
    }

    MongoCollection<Document> collection() {
        return log;
    }

    @Override
    public Mono<AuthEvent> record(AuthEvent event) {
        if (event.user() != null) {
            return allocate(event.user()).flatMap(id -> record(id, event));
        }
        return record(new ObjectId().toHexString(), event);
    }

    @Override
    public Mono<String> allocate(UserId user) {
        return Errors.guard(Mono.from(Ctx.step(ctx.users()).findOneAndUpdate(Ctx.byId(user.value()),
                        new Document("$inc", new Document("authlogSeq", 1L)),
                        new FindOneAndUpdateOptions().projection(new Document("authlogSeq", 1))
                                .returnDocument(ReturnDocument.BEFORE)))
                .map(d -> Long.toString(MailboxDocs.num(d, "authlogSeq") + 1)));
    }

    @Override
    public Mono<AuthEvent> record(String id, AuthEvent event) {
        String key = event.user() == null ? id : event.user().value() + ":" + id;
        Document d = new Document("_id", key).append("user", event.user() == null ? null : event.user().value())
                .append("username", event.username()).append("action", event.action())
                .append("result", event.result()).append("protocol", event.protocol()).append("ip", event.ip())
                .append("sess", event.sess()).append("source", event.source()).append("asp", event.asp())
                .append("aname", event.aname()).append("requiredScope", event.requiredScope())
                .append("reason", event.reason()).append("enabled2fa", event.enabled2fa())
                .append("created", Date.from(event.created()))
                .append("expires", event.expires() == null ? null : Date.from(event.expires()));
        return Errors.guard(Mono.from(log.insertOne(d))).thenReturn(event.withId(id));
    }

    @Override
    public Mono<Long> newest(UserId user) {
        return Errors.guard(Mono.from(ctx.users().find(Ctx.byId(user.value())).projection(new Document("authlogSeq", 1)).first())
                .map(d -> MailboxDocs.num(d, "authlogSeq")).defaultIfEmpty(0L));
    }

    @Override
    public Flux<AuthEvent> page(UserId user, long from, int count) {
        List<String> ids = new ArrayList<>();
        for (long n = from; n > 0 && n > from - count; n--) {
            ids.add(user.value() + ":" + n);
        }
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return Errors.guard(Flux.from(log.find(Ctx.byIds(ids))).map(MongoAuthLogStore::toEvent)
                .sort(Comparator.comparingLong((AuthEvent e) -> Long.parseLong(e.id())).reversed()));
    }

    @Override
    public Mono<Long> count(UserId user) {
        return Errors.guard(Mono.from(log.countDocuments(new Document("user", user.value()))));
    }

    @Override
    public Mono<AuthEvent> get(UserId user, String id) {
        if (!id.matches("[1-9][0-9]{0,18}")) {
            return Mono.empty();
        }
        return Errors.guard(Mono.from(log.find(Ctx.byId(user.value() + ":" + id)).first()).map(MongoAuthLogStore::toEvent));
    }

    @Override
    public Mono<Long> purge() {
        return Errors.guard(Mono.from(log.deleteMany(new Document("expires", new Document("$lt", new Date()))))
                .map(r -> r.getDeletedCount()));
    }

    @Override
    public Mono<Void> deleteAll(UserId user) {
        return Errors.guard(Mono.from(log.deleteMany(new Document("user", user.value()))).then());
    }

    static AuthEvent toEvent(Document d) {
        String key = d.getString("_id");
        String user = d.getString("user");
        String id = user == null ? key : key.substring(user.length() + 1);
        Date expires = d.getDate("expires");
        return new AuthEvent(id, user == null ? null : new UserId(user), d.getString("username"), d.getString("action"),
                d.getString("result"), d.getString("protocol"), d.getString("ip"), d.getString("sess"),
                d.getString("source"), d.getString("asp"), d.getString("aname"), d.getString("requiredScope"),
                d.getString("reason"), d.getList("enabled2fa", String.class), d.getDate("created").toInstant(),
                expires == null ? null : expires.toInstant());
    }
}
