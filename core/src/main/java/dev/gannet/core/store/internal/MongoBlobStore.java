package dev.gannet.core.store.internal;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import dev.gannet.core.store.BlobHash;
import dev.gannet.core.store.BlobInfo;
import dev.gannet.core.store.BlobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Blob inspection and the collector. A blob is deleted only when nothing refers to it, and its reference count
 * alone is not trusted for that: each pass marks the candidates (count 0, unchanged for {@code grace}) as
 * {@code deleting} with one conditional update each, then looks for messages that still name them (one query
 * over {@code bodies}, by the {@code blobs} index on MongoDB). A blob a message names is not deleted: its count
 * was wrong, which is logged as an error and repaired to what the messages say. Only then are the chunks and,
 * if the count is still 0, the files document deleted. While the mark is set, an ingest that takes a reference
 * waits and rewrites the chunks after (Blobs), and a copy gives its reference back and skips the message, so
 * no new reference appears during the check. A count below zero is never acted on: it is logged and repaired.
 * A mark left by a collector that died is resumed by a later pass. The conditional filters are anchored on
 * {@code _id}; the candidate list and the reference check scan on the embedded server, in the background.
 */
final class MongoBlobStore implements BlobStore {

    private static final Logger log = LoggerFactory.getLogger(MongoBlobStore.class);
    private final Ctx ctx;

    MongoBlobStore(Ctx ctx) {
        this.ctx = ctx;
    }

    private static BlobInfo info(Document d) {
        Date changed = d.getDate("changed");
        return new BlobInfo(new BlobHash(d.getString("_id")), MailboxDocs.num(d, "length"), MailboxDocs.num(d, "refs"),
                changed == null ? Instant.EPOCH : changed.toInstant());
    }

    @Override
    public Mono<BlobInfo> info(BlobHash hash) {
        return Errors.guard(Mono.from(ctx.files().find(Ctx.byId(hash.hex())).first()).map(MongoBlobStore::info));
    }

    @Override
    public Flux<BlobInfo> list() {
        return Errors.guard(Flux.from(ctx.files().find()).map(MongoBlobStore::info));
    }

    @Override
    public Mono<Long> collect(Duration grace) {
        Date cutoff = Date.from(Instant.now().minus(grace));
        Document candidates = new Document("refs", new Document("$lte", 0)).append("changed", new Document("$lt", cutoff));
        return Errors.guard(Flux.from(ctx.files().find(candidates).projection(new Document("refs", 1).append("length", 1)
                        .append("deleting", 1).append("deletingAt", 1)))
                .concatMap(d -> MailboxDocs.num(d, "refs") < 0 ? negative(d).then(Mono.<Document>empty()) : mark(d, cutoff))
                .collectList()
                .flatMap(marked -> marked.isEmpty() ? Mono.just(0L) : references(ids(marked))
                        .flatMap(refs -> Flux.fromIterable(marked)
                                .concatMap(d -> refs.containsKey(d.getString("_id"))
                                        ? undercounted(d.getString("_id"), refs.get(d.getString("_id"))).thenReturn(0L)
                                        : delete(d.getString("_id"), MailboxDocs.num(d, "length")))
                                .reduce(0L, Long::sum))));
    }

    /**
     * Marks a candidate as being deleted, if its count is still 0 and unchanged since the cutoff; a mark older
     * than the grace (its collector died) is taken over. Emits the blob if this pass now holds its mark.
     */
    private Mono<Document> mark(Document d, Date cutoff) {
        Document still = new Document("_id", d.get("_id")).append("refs", 0L).append("changed", new Document("$lt", cutoff));
        if (Boolean.TRUE.equals(d.getBoolean("deleting"))) {
            still.append("deleting", true).append("deletingAt", new Document("$lt", cutoff));
        } else {
            still.append("deleting", new Document("$ne", true));
        }
        return Mono.from(ctx.files().findOneAndUpdate(still,
                        new Document("$set", new Document("deleting", true).append("deletingAt", new Date())
                                .append("complete", false)),
                        new FindOneAndUpdateOptions().projection(new Document("length", 1))))
                .map(before -> d);
    }

    private static List<String> ids(List<Document> docs) {
        return docs.stream().map(d -> d.getString("_id")).toList();
    }

    /** How many bytes documents name each of {@code hashes} (those named by none are absent). */
    Mono<Map<String, Long>> references(List<String> hashes) {
        return Flux.fromIterable(hashes).buffer(MessageReader.BATCH)
                .concatMap(batch -> Flux.from(ctx.bodies().find(new Document("blobs", new Document("$in", batch)))
                                .projection(new Document("blobs", 1)).batchSize(Ctx.SCAN_BATCH))
                        .concatMapIterable(b -> b.getList("blobs", String.class, List.of()))
                        .filter(batch::contains))
                .collect(HashMap::new, (Map<String, Long> m, String h) -> m.merge(h, 1L, Long::sum));
    }

    /** The count said 0 but messages refer to the blob: keep it and set its count to theirs. */
    private Mono<Void> undercounted(String hash, long referring) {
        log.error("blob {} had a reference count of 0 while {} messages refer to it; count repaired, blob kept", hash,
                referring);
        return Mono.from(ctx.files().updateOne(new Document("_id", hash).append("deleting", true),
                new Document("$inc", new Document("refs", referring))
                        .append("$set", new Document("deleting", false).append("complete", true).append("changed", new Date()))))
                .then();
    }

    /** A count below zero is a bug elsewhere: log it, count the messages that refer to the blob, set that. */
    private Mono<Void> negative(Document d) {
        String hash = d.getString("_id");
        long was = MailboxDocs.num(d, "refs");
        return references(List.of(hash)).flatMap(refs -> {
            long actual = refs.getOrDefault(hash, 0L);
            log.error("blob {} had a reference count of {}; {} messages refer to it; count repaired", hash, was, actual);
            return Mono.from(ctx.files().updateOne(new Document("_id", hash).append("refs", was),
                    new Document("$set", new Document("refs", actual).append("changed", new Date())))).then();
        });
    }

    /** Chunks first, then the files document if its count is still 0; otherwise an ingest took it back. */
    private Mono<Long> delete(String hash, long length) {
        return deleteChunks(hash, length)
                .then(Mono.from(ctx.files().deleteOne(new Document("_id", hash).append("refs", 0L).append("deleting", true))))
                .flatMap(r -> r.getDeletedCount() == 1 ? Mono.just(1L)
                        : Mono.from(ctx.files().updateOne(new Document("_id", hash).append("deleting", true),
                                new Document("$set", new Document("deleting", false)))).thenReturn(0L));
    }

    private Mono<Void> deleteChunks(String hash, long length) {
        long count = Math.max(1, (length + Blobs.CHUNK_SIZE - 1) / Blobs.CHUNK_SIZE);
        List<String> ids = new ArrayList<>();
        for (long n = 0; n < count; n++) {
            ids.add(Blobs.chunkId(hash, n));
        }
        return Flux.fromIterable(ids).buffer(MessageReader.BATCH)
                .concatMap(b -> Mono.from(ctx.chunks().deleteMany(Ctx.byIds(b))))
                .then();
    }
}
