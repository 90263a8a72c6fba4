package dev.gannet.core.store.internal;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.OutboundQueue;
import dev.gannet.core.store.UserId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The queue in the {@code outbound} collection: one small document per message, {@code _id} its queue id. A
 * message up to {@link #INLINE_BYTES} is kept in the document; a larger one in {@code outboundChunks}
 * documents with the deterministic {@code _id} {@code "<queueId>:<n>"}, read by {@code _id $in}
 * (EMBEDDED-STORE.md §6.8), so a queued message is not limited to one document and the queue documents that
 * the claim scans stay small. Chunks are written first, the queue document last and durable: a crash between
 * leaves only unreferenced chunks, never a queued message without its bytes.
 *
 * <p>Finding due messages is {@code {next: {$lte: now}}}: index-driven on MongoDB ({@code next_1}), a scan of
 * these small documents on the embedded store. Claiming is then one conditional write per candidate on
 * {@code {_id, attempts}} as read, which the claim increments, so two nodes never both win one attempt.
 */
final class MongoOutboundQueue implements OutboundQueue {

    static final int INLINE_BYTES = 16 * 1024;
    static final int CHUNK_BYTES = 1024 * 1024;
    private static final int CHUNK_READ_BATCH = 4;
    private static final String QUEUED = "queued";
    private static final String SENDING = "sending";

    private final MongoCollection<Document> outbound;
    private final MongoCollection<Document> chunks;
    private final Sinks.Many<String> arrivals = Sinks.many().multicast().directBestEffort();

    MongoOutboundQueue(Ctx ctx) {
        this.outbound = ctx.db().getCollection(Names.OUTBOUND);
        this.chunks = ctx.db().getCollection(Names.OUTBOUND_CHUNKS);
    }

    @Override
    public Mono<String> enqueue(Request request) {
        String id = new ObjectId().toHexString();
        return Errors.guard(Mono.fromCallable(() -> read(request.content()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(bytes -> {
                    Date now = new Date();
                    Document doc = new Document("_id", id)
                            .append("user", request.user() == null ? null : request.user().value())
                            .append("kind", request.kind().name()).append("from", request.envelopeFrom())
                            .append("to", request.recipients()).append("size", (long) bytes.length)
                            .append("origin", request.origin())
                            .append("queued", now).append("next", now).append("attempts", 0).append("state", QUEUED);
                    if (bytes.length <= INLINE_BYTES) {
                        return Mono.from(outbound.insertOne(doc.append("raw", new Binary(bytes))));
                    }
                    List<Document> parts = new ArrayList<>();
                    for (int n = 0, off = 0; off < bytes.length; n++, off += CHUNK_BYTES) {
                        int len = Math.min(CHUNK_BYTES, bytes.length - off);
                        byte[] part = java.util.Arrays.copyOfRange(bytes, off, off + len);
                        parts.add(new Document("_id", id + ":" + n).append("q", id).append("n", n)
                                .append("data", new Binary(part)));
                    }
                    doc.append("chunks", parts.size());
                    // one chunk per write keeps each command far below the 48 MB message limit
                    return Flux.fromIterable(parts).concatMap(p -> Mono.from(Ctx.step(chunks).insertOne(p)), 1)
                            .then(Mono.from(outbound.insertOne(doc)));
                })
                .thenReturn(id)
                .doOnNext(arrivals::tryEmitNext));
    }

    private static byte[] read(MessageSource source) {
        try (InputStream in = source.open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        // waiting, or claimed by a node whose lease is over (it is not sending any more)
        Document filter = new Document("_id", id).append("user", user.value())
                .append("$or", List.of(new Document("state", QUEUED), new Document("next", new Document("$lte", new Date()))));
        return Errors.guard(Mono.from(outbound.findOneAndDelete(filter))
                .flatMap(d -> dropChunks(d).thenReturn(true))
                .defaultIfEmpty(false));
    }

    @Override
    public Flux<Claimed> claim(String owner, Instant now, Duration lease, int max) {
        Date due = Date.from(now);
        return Errors.guard(Flux.from(outbound.find(new Document("next", new Document("$lte", due)))
                        .projection(new Document("raw", 0)).sort(new Document("next", 1)).limit(max)
                        .batchSize(Math.max(2, max)))
                .concatMap(d -> take(d, owner, now, lease), 1));
    }

    private Mono<Claimed> take(Document read, String owner, Instant now, Duration lease) {
        int attempts = read.getInteger("attempts", 0);
        String claim = UUID.randomUUID().toString();
        Instant leaseEnd = now.plus(lease);
        Document filter = new Document("_id", read.getString("_id")).append("attempts", attempts);
        Document update = new Document("$set", new Document("state", SENDING).append("owner", owner)
                .append("claim", claim).append("next", Date.from(leaseEnd)))
                .append("$inc", new Document("attempts", 1));
        return Mono.from(outbound.findOneAndUpdate(filter, update,
                        new FindOneAndUpdateOptions().projection(new Document("raw", 0))
                                .returnDocument(ReturnDocument.BEFORE)))
                .map(before -> {
                    String user = before.getString("user");
                    return new Claimed(before.getString("_id"), user == null ? null : new UserId(user),
                            Kind.valueOf(before.getString("kind")), before.getString("from"),
                            before.getList("to", String.class, List.of()), before.get("size", Number.class).longValue(),
                            before.getDate("queued").toInstant(), before.getInteger("attempts", 0) + 1,
                            before.getString("origin"), claim, leaseEnd);
                });
    }

    @Override
    public Mono<MessageSource> content(String id) {
        return Errors.guard(Mono.from(outbound.find(Ctx.byId(id)).first()).flatMap(d -> {
            Binary raw = d.get("raw", Binary.class);
            if (raw != null) {
                return Mono.just(MessageSource.of(raw.getData()));
            }
            int count = d.getInteger("chunks", 0);
            List<String> ids = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                ids.add(id + ":" + n);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
                    d.get("size", Number.class).longValue()));
            return Flux.fromIterable(ids).buffer(CHUNK_READ_BATCH)
                    .concatMap(batch -> Flux.from(chunks.find(Ctx.byIds(batch)))
                            .collectList()
                            .map(found -> {
                                if (found.size() != batch.size()) {
                                    throw new IllegalStateException("queued message " + id + " is missing chunks");
                                }
                                found.sort(Comparator.comparingInt(c -> c.getInteger("n")));
                                return found;
                            }), 1)
                    .doOnNext(found -> found.forEach(c -> out.writeBytes(c.get("data", Binary.class).getData())))
                    .then(Mono.fromSupplier(() -> MessageSource.of(out.toByteArray())));
        }));
    }

    @Override
    public Mono<Boolean> finish(Claimed claimed) {
        return Errors.guard(Mono.from(outbound.findOneAndDelete(
                        new Document("_id", claimed.id()).append("claim", claimed.claim()),
                        new com.mongodb.client.model.FindOneAndDeleteOptions().projection(new Document("raw", 0))))
                .flatMap(d -> dropChunks(d).thenReturn(true))
                .defaultIfEmpty(false));
    }

    @Override
    public Mono<Boolean> retry(Claimed claimed, List<String> remaining, Instant next, String lastResult) {
        Document update = new Document("$set", new Document("state", QUEUED).append("next", Date.from(next))
                .append("to", List.copyOf(remaining)).append("lastResult", lastResult))
                .append("$unset", new Document("claim", "").append("owner", ""));
        return Errors.guard(Mono.from(outbound.updateOne(new Document("_id", claimed.id()).append("claim", claimed.claim()),
                update)).map(r -> r.getModifiedCount() == 1));
    }

    @Override
    public Flux<String> arrivals() {
        return arrivals.asFlux();
    }

    private Mono<Void> dropChunks(Document d) {
        int count = d.getInteger("chunks", 0);
        if (count == 0) {
            return Mono.empty();
        }
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            ids.add(d.getString("_id") + ":" + n);
        }
        return Mono.from(chunks.deleteMany(Ctx.byIds(ids))).then();
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
