package dev.gannet.core.store.internal;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import dev.gannet.core.store.BlobHash;
import dev.gannet.core.store.BlobInfo;
import dev.gannet.core.store.BlobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Blob inspection and the collector. Collection is a three-step protocol that is safe against a concurrent
 * ingest taking a new reference: mark the files document {@code deleting} only if its count is still 0 and
 * old (one conditional update), delete its chunks, then delete the document only if the count is still 0.
 * If an ingest slipped in, the last step fails, the mark is cleared with {@code complete=false}, and that
 * ingest (which waits while {@code deleting} is set) rewrites the chunks. The conditional filters scan on
 * the embedded server; the collector is a background task, so that cost is accepted here only.
 */
final class MongoBlobStore implements BlobStore {

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
        Document garbage = new Document("refs", new Document("$lte", 0)).append("changed", new Document("$lt", cutoff));
        return Errors.guard(Flux.from(ctx.files().find(garbage).projection(new Document("length", 1)))
                .concatMap(d -> collectOne(d.getString("_id"), MailboxDocs.num(d, "length"), cutoff))
                .reduce(0L, Long::sum));
    }

    private Mono<Long> collectOne(String hash, long length, Date cutoff) {
        Document still = new Document("_id", hash).append("refs", new Document("$lte", 0))
                .append("changed", new Document("$lt", cutoff));
        return Mono.from(ctx.files().findOneAndUpdate(still,
                        new Document("$set", new Document("deleting", true).append("complete", false)),
                        new FindOneAndUpdateOptions()))
                .flatMap(marked -> deleteChunks(hash, length)
                        .then(Mono.from(ctx.files().deleteOne(new Document("_id", hash)
                                .append("refs", new Document("$lte", 0))))))
                .flatMap(r -> r.getDeletedCount() == 1 ? Mono.just(1L)
                        : Mono.from(ctx.files().updateOne(Ctx.byId(hash),
                                new Document("$set", new Document("deleting", false)))).thenReturn(0L))
                .defaultIfEmpty(0L);
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
