package dev.gannet.core.store.internal;

import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.gannet.core.store.Autoreply;
import dev.gannet.core.store.AutoreplyStore;
import dev.gannet.core.store.UserId;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import reactor.core.publisher.Mono;

/** Autoreplies in {@code autoreplies}, one document per user ({@code _id} = the user id): exact lookups only. */
final class MongoAutoreplyStore implements AutoreplyStore {

    private final MongoCollection<Document> autoreplies;

    MongoAutoreplyStore(Ctx ctx) {
        this.autoreplies = ctx.db().getCollection(Names.AUTOREPLIES);
    }

    @Override
    public Mono<Autoreply> get(UserId user) {
        return Errors.guard(Mono.from(autoreplies.find(Ctx.byId(user.value())).first()).map(MongoAutoreplyStore::fromDoc));
    }

    @Override
    public Mono<Void> put(UserId user, Autoreply a) {
        Document d = toDoc(a).append("_id", user.value());
        return Errors.guard(Mono.from(autoreplies.replaceOne(Ctx.byId(user.value()), d, new ReplaceOptions().upsert(true))).then());
    }

    @Override
    public Mono<Boolean> delete(UserId user) {
        return Errors.guard(Mono.from(autoreplies.deleteOne(Ctx.byId(user.value()))).map(r -> r.getDeletedCount() == 1));
    }

    static Document toDoc(Autoreply a) {
        return new Document("status", a.status()).append("name", a.name()).append("subject", a.subject())
                .append("text", a.text()).append("html", a.html()).append("start", date(a.start()))
                .append("end", date(a.end())).append("created", date(a.created() == null ? Instant.now() : a.created()));
    }

    static Autoreply fromDoc(Document d) {
        return new Autoreply(Boolean.TRUE.equals(d.getBoolean("status")), d.getString("name"), d.getString("subject"),
                d.getString("text"), d.getString("html"), instant(d.getDate("start")), instant(d.getDate("end")),
                instant(d.getDate("created")));
    }

    private static Date date(Instant i) {
        return i == null ? null : Date.from(i);
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
