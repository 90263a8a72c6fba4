package dev.gannet.core.store.internal;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.Filter;
import dev.gannet.core.store.FilterStore;
import dev.gannet.core.store.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.bson.types.ObjectId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Filters in the {@code filters} collection, all of one user's in one document ({@code _id} = the user id): an
 * array in creation order and a {@code version}. Delivery reads a user's filters with one {@code _id} lookup on
 * every backend. Every change reads the document, edits the array and writes it back conditional on the version
 * it read (a replace on {@code {_id, version}}, or an insert for a user's first filter, whose duplicate key means
 * someone else was first); the loser of a race reads again, so no concurrent change is lost. At most
 * {@link #MAX_FILTERS} filters of at most a few KB each keep the document far below 16 MiB.
 */
final class MongoFilterStore implements FilterStore {

    private static final int ATTEMPTS = 16;

    private final MongoCollection<Document> filters;

    MongoFilterStore(Ctx ctx) {
        this.filters = ctx.db().getCollection(Names.FILTERS);
    }

    private Mono<Document> doc(UserId user) {
        return Mono.from(filters.find(Ctx.byId(user.value())).first());
    }

    @Override
    public Flux<Filter> list(UserId user) {
        return Errors.guard(doc(user).flatMapIterable(MongoFilterStore::filtersOf));
    }

    @Override
    public Mono<Filter> get(UserId user, String id) {
        return list(user).filter(f -> f.id().equals(id)).next();
    }

    @Override
    public Mono<Filter> create(UserId user, String name, Filter.Query query, Filter.Action action, boolean disabled) {
        Filter created = new Filter(new ObjectId().toHexString(), user, name, query, action, disabled,
                Instant.ofEpochMilli(System.currentTimeMillis()));
        return mutate(user, list -> {
            if (list.size() >= MAX_FILTERS) {
                throw GannetException.invalid("a user may keep at most " + MAX_FILTERS + " filters");
            }
            list.add(created);
            return true;
        }).thenReturn(created);
    }

    @Override
    public Mono<Boolean> replace(Filter filter) {
        return mutate(filter.user(), list -> {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).id().equals(filter.id())) {
                    list.set(i, new Filter(filter.id(), filter.user(), filter.name(), filter.query(), filter.action(),
                            filter.disabled(), list.get(i).created()));
                    return true;
                }
            }
            return false;
        });
    }

    @Override
    public Mono<Boolean> delete(UserId user, String id) {
        return mutate(user, list -> list.removeIf(f -> f.id().equals(id)));
    }

    @Override
    public Flux<Filter> page(String after, int limit) {
        String[] cursor = after == null ? null : after.split("/", 3);
        if (cursor != null && cursor.length != 3) {
            return Flux.error(GannetException.invalid("not a filter position: " + after));
        }
        // a range on _id scans on the embedded store; this is an operator's listing of every user's filters
        Document query = cursor == null ? new Document() : new Document("_id", new Document("$gte", cursor[0]));
        return Errors.guard(Flux.from(filters.find(query).sort(Sorts.ascending("_id")).batchSize(Ctx.SCAN_BATCH))
                // within a user, by creation time and id: the order the cursor compares in (concurrent creates can
                // leave the array in another order within one millisecond)
                .concatMapIterable(d -> filtersOf(d).stream().sorted(java.util.Comparator
                        .comparing((Filter f) -> f.created().toEpochMilli()).thenComparing(Filter::id)).toList())
                .filter(f -> cursor == null || isAfter(f, cursor))
                .take(limit));
    }

    /** Users by id, then a user's filters by creation time and id: the order of {@link #page}. */
    private static boolean isAfter(Filter f, String[] cursor) {
        int byUser = f.user().value().compareTo(cursor[0]);
        if (byUser != 0) {
            return byUser > 0;
        }
        long created;
        try {
            created = Long.parseLong(cursor[1]);
        } catch (NumberFormatException e) {
            return true;
        }
        long mine = f.created().toEpochMilli();
        return mine != created ? mine > created : f.id().compareTo(cursor[2]) > 0;
    }

    @Override
    public Mono<Long> count() {
        return Errors.guard(Flux.from(filters.find().projection(new Document("n", 1)).batchSize(Ctx.SCAN_BATCH))
                .map(d -> d.get("n") instanceof Number n ? n.longValue() : 0L)
                .reduce(0L, Long::sum));
    }

    @Override
    public Mono<Void> deleteAll(UserId user) {
        return Errors.guard(Mono.from(filters.deleteOne(Ctx.byId(user.value()))).then());
    }

    /** Applies {@code change} to the user's list and writes it back conditional on the version read. */
    private Mono<Boolean> mutate(UserId user, Function<List<Filter>, Boolean> change) {
        Mono<Boolean> attempt = Mono.defer(() -> doc(user).defaultIfEmpty(new Document()).flatMap(d -> {
            long version = d.get("version") instanceof Number n ? n.longValue() : 0L;
            List<Filter> list = new ArrayList<>(filtersOf(d));
            boolean changed = change.apply(list);
            if (!changed) {
                return Mono.just(false);
            }
            Document next = new Document("_id", user.value()).append("version", version + 1).append("n", list.size())
                    .append("filters", list.stream().map(MongoFilterStore::toDoc).toList());
            Mono<Boolean> write = version == 0
                    ? Mono.from(filters.insertOne(next)).thenReturn(true).onErrorResume(Errors::isDuplicateKey, e -> Mono.just(false))
                    : Mono.from(filters.replaceOne(new Document("_id", user.value()).append("version", version), next))
                            .map(r -> r.getMatchedCount() == 1);
            return write.flatMap(won -> won ? Mono.just(true) : Mono.error(new Retry()));
        }));
        return Errors.guard(attempt.retryWhen(reactor.util.retry.Retry.max(ATTEMPTS).filter(Retry.class::isInstance))
                .onErrorMap(e -> reactor.core.Exceptions.isRetryExhausted(e),
                        e -> GannetException.conflict("the filters of " + user + " kept changing")));
    }

    /** A lost race: read again and redo the change. */
    private static final class Retry extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Retry() {
            super("retry", null, false, false);
        }
    }

    private static List<Filter> filtersOf(Document d) {
        List<Filter> out = new ArrayList<>();
        Object raw = d.get("filters");
        if (raw instanceof List<?> items) {
            UserId user = new UserId(d.getString("_id"));
            for (Object o : items) {
                if (o instanceof Document f) {
                    out.add(fromDoc(user, f));
                }
            }
        }
        return out;
    }

    private static Document toDoc(Filter f) {
        Filter.Query q = f.query();
        Filter.Action a = f.action();
        Document query = new Document();
        put(query, "from", q.from());
        put(query, "to", q.to());
        put(query, "subject", q.subject());
        put(query, "listId", q.listId());
        put(query, "text", q.text());
        put(query, "ha", q.ha());
        put(query, "size", q.size());
        Document action = new Document();
        put(action, "seen", a.seen());
        put(action, "flag", a.flag());
        put(action, "delete", a.delete());
        put(action, "spam", a.spam());
        put(action, "mailbox", a.mailbox());
        put(action, "targets", a.targets());
        Document d = new Document("id", f.id()).append("query", query).append("action", action)
                .append("disabled", f.disabled()).append("created", Date.from(f.created()));
        put(d, "name", f.name());
        return d;
    }

    private static void put(Document d, String key, Object value) {
        if (value != null) {
            d.append(key, value);
        }
    }

    private static Filter fromDoc(UserId user, Document d) {
        Document q = d.get("query", new Document());
        Document a = d.get("action", new Document());
        Object size = q.get("size");
        @SuppressWarnings("unchecked")
        List<String> targets = (List<String>) a.get("targets");
        return new Filter(d.getString("id"), user, d.getString("name"),
                new Filter.Query(q.getString("from"), q.getString("to"), q.getString("subject"), q.getString("listId"),
                        q.getString("text"), q.getBoolean("ha"), size instanceof Number n ? n.longValue() : null),
                new Filter.Action(a.getBoolean("seen"), a.getBoolean("flag"), a.getBoolean("delete"), a.getBoolean("spam"),
                        a.getString("mailbox"), targets),
                Boolean.TRUE.equals(d.getBoolean("disabled")), d.getDate("created").toInstant());
    }
}
