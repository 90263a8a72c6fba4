package dev.gannet.core.store.internal;

import com.mongodb.reactivestreams.client.MongoCollection;
import dev.gannet.core.store.OutboundQueue;
import dev.gannet.core.store.UserId;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The queue in the {@code outbound} collection: one document per message, {@code _id} its queue id. A first
 * version: the bytes are kept in the document, so a queued message is limited to what a document can hold.
 */
final class MongoOutboundQueue implements OutboundQueue {

    private final MongoCollection<Document> outbound;

    MongoOutboundQueue(Ctx ctx) {
        this.outbound = ctx.db().getCollection(Names.OUTBOUND);
    }

    @Override
    public Mono<String> enqueue(Request request) {
        String id = new ObjectId().toHexString();
        return Errors.guard(Mono.fromCallable(() -> {
            try (InputStream in = request.content().open()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).subscribeOn(Schedulers.boundedElastic()).flatMap(bytes -> {
            Date now = new Date();
            Document doc = new Document("_id", id)
                    .append("user", request.user() == null ? null : request.user().value())
                    .append("kind", request.kind().name()).append("from", request.envelopeFrom())
                    .append("to", request.recipients()).append("size", (long) bytes.length)
                    .append("raw", new Binary(bytes)).append("origin", request.origin())
                    .append("queued", now).append("next", now).append("attempts", 0).append("state", "queued");
            return Mono.from(outbound.insertOne(doc));
        }).thenReturn(id));
    }

    @Override
    public Flux<Queued> list(UserId user) {
        return Errors.guard(Flux.from(outbound.find(new Document("user", user.value()))
                        .projection(new Document("raw", 0)).batchSize(Ctx.SCAN_BATCH))
                .map(MongoOutboundQueue::toQueued)
                .sort(Comparator.comparing(Queued::queued).thenComparing(Queued::id)));
    }

    @Override
    public Mono<Queued> get(UserId user, String id) {
        return Errors.guard(Mono.from(outbound.find(Ctx.byId(id)).projection(new Document("raw", 0)).first()))
                .filter(d -> user.value().equals(d.getString("user")))
                .map(MongoOutboundQueue::toQueued);
    }

    @Override
    public Mono<Boolean> cancel(UserId user, String id) {
        return Errors.guard(Mono.from(outbound.deleteOne(new Document("_id", id).append("user", user.value())
                .append("state", "queued"))).map(r -> r.getDeletedCount() == 1));
    }

    static Queued toQueued(Document d) {
        String user = d.getString("user");
        Date next = d.getDate("next");
        return new Queued(d.getString("_id"), user == null ? null : new UserId(user),
                Kind.valueOf(d.getString("kind")), d.getString("from"), d.getList("to", String.class, List.of()),
                d.get("size", Number.class).longValue(), d.getDate("queued").toInstant(),
                next == null ? null : next.toInstant(), d.getInteger("attempts", 0), d.getString("state"),
                d.getString("lastResult"));
    }
}
