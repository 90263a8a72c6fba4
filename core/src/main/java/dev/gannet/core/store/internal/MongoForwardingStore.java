package dev.gannet.core.store.internal;

import com.mongodb.reactivestreams.client.MongoCollection;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.Autoreply;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.ForwardedAddress;
import dev.gannet.core.store.ForwardingStore;
import dev.gannet.core.store.UserId;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * A user's targets and limit are two fields of the user's document (as in WildDuck), set with an {@code _id}
 * update. A forwarded address is a document in {@code addresses} with the address key as {@code _id} (so an
 * address is a user's or forwarded, never both, by the same unique key), no {@code user}, {@code forwarded: true}
 * and its own id in {@code fid}, which a sparse unique index makes an exact lookup on every backend.
 */
final class MongoForwardingStore implements ForwardingStore {

    private final Ctx ctx;
    private final MongoCollection<Document> addresses;

    MongoForwardingStore(Ctx ctx) {
        this.ctx = ctx;
        this.addresses = ctx.addresses();
    }

    @Override
    public Mono<UserForwarding> user(UserId user) {
        return Errors.guard(Mono.from(ctx.users().find(Ctx.byId(user.value()))
                        .projection(new Document("targets", 1).append("forwards", 1)).first())
                .map(d -> new UserForwarding(strings(d.get("targets")),
                        d.get("forwards") instanceof Number n ? n.longValue() : 0L)));
    }

    @Override
    public Mono<Boolean> setUser(UserId user, List<String> targets, Long forwards) {
        Document set = new Document();
        if (targets != null) {
            set.append("targets", List.copyOf(targets));
        }
        if (forwards != null) {
            set.append("forwards", forwards);
        }
        if (set.isEmpty()) {
            return Errors.guard(Mono.from(ctx.users().find(Ctx.byId(user.value())).projection(new Document("_id", 1)).first())
                    .hasElement());
        }
        return Errors.guard(Mono.from(ctx.users().updateOne(Ctx.byId(user.value()), new Document("$set", set)))
                .map(r -> r.getMatchedCount() == 1));
    }

    @Override
    public Mono<ForwardedAddress> create(ForwardedAddress a) {
        Document d = toDoc(a).append("_id", a.address().key()).append("address", a.address().toString())
                .append("fid", a.id()).append("forwarded", true).append("main", false)
                .append("wildcard", a.address().isWildcard()).append("domain", a.address().domain()).append("created", Date.from(a.created()));
        return Errors.guard(Mono.from(addresses.insertOne(d))
                .onErrorMap(Errors::isDuplicateKey, e -> GannetException.alreadyExists("address " + a.address()))
                .thenReturn(a));
    }

    @Override
    public Mono<ForwardedAddress> get(String id) {
        return Errors.guard(Mono.from(addresses.find(new Document("fid", id)).first()).map(MongoForwardingStore::fromDoc));
    }

    @Override
    public Mono<ForwardedAddress> byAddress(EmailAddress address) {
        return Errors.guard(Mono.from(addresses.find(Ctx.byId(address.key())).first())
                .filter(d -> Boolean.TRUE.equals(d.getBoolean("forwarded")))
                .map(MongoForwardingStore::fromDoc));
    }

    @Override
    public Mono<Boolean> update(ForwardedAddress a) {
        return Errors.guard(Mono.from(addresses.updateOne(new Document("_id", a.address().key()).append("fid", a.id()),
                new Document("$set", toDoc(a)))).map(r -> r.getMatchedCount() == 1));
    }

    @Override
    public Mono<Boolean> delete(String id) {
        // the address key first, then the delete anchored on it and the id: an _id match on every backend
        return Errors.guard(get(id).flatMap(a -> Mono.from(addresses.deleteOne(
                new Document("_id", a.address().key()).append("fid", id))).map(r -> r.getDeletedCount() == 1))
                .defaultIfEmpty(false));
    }

    private static Document toDoc(ForwardedAddress a) {
        Document d = new Document("name", a.name()).append("targets", a.targets()).append("forwards", a.forwards())
                .append("tags", a.tags()).append("forwardedDisabled", a.forwardedDisabled());
        d.append("autoreply", a.autoreply() == null ? null : MongoAutoreplyStore.toDoc(a.autoreply()));
        return d;
    }

    private static ForwardedAddress fromDoc(Document d) {
        Document auto = d.get("autoreply", Document.class);
        Autoreply autoreply = auto == null ? null : MongoAutoreplyStore.fromDoc(auto);
        Date created = d.getDate("created");
        return new ForwardedAddress(d.getString("fid"), EmailAddress.parse(d.getString("address")), d.getString("name"),
                strings(d.get("targets")), d.get("forwards") instanceof Number n ? n.longValue() : 0L, autoreply,
                strings(d.get("tags")), Boolean.TRUE.equals(d.getBoolean("forwardedDisabled")),
                created == null ? java.time.Instant.EPOCH : created.toInstant());
    }

    private static List<String> strings(Object o) {
        if (o instanceof List<?> l) {
            return l.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }
}
