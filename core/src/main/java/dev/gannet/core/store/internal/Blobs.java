package dev.gannet.core.store.internal;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import dev.gannet.core.error.GannetException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Content-addressed blobs in GridFS-shaped collections (EMBEDDED-STORE §6.8): {@code attachments.files}
 * holds {@code _id} = SHA-256 hex, {@code length}, {@code chunkSize}, {@code refs}, {@code changed}, and
 * {@code attachments.chunks} holds {@code _id = "<hash>:<n>"} with {@code files_id}/{@code n}/{@code data},
 * read by {@code _id $in} in batches. A reference is taken ({@code $inc refs}) before a message document
 * that uses it is written, and the chunks are (re)written whenever the files document is new or not
 * marked complete, so an ingest never relies on chunks a collector may be removing.
 */
final class Blobs {

    static final int CHUNK_SIZE = 255 * 1024;
    private static final int READ_BATCH = 4;
    /** How long an ingest waits for a collector that marked its blob before failing temporarily. */
    private static final Duration COLLECTOR_WAIT = Duration.ofSeconds(30);
    private final Ctx ctx;

    Blobs(Ctx ctx) {
        this.ctx = ctx;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String chunkId(String hash, long n) {
        return hash + ":" + n;
    }

    /**
     * Takes one reference to the blob with this content, storing it if needed; emits its hash. Its writes are
     * steps ({@link Ctx#STEP}): the message insert and journal entry that use the blob come after them.
     */
    Mono<String> put(byte[] data) {
        String hash = sha256(data);
        Date now = new Date();
        Document update = new Document("$inc", new Document("refs", 1L))
                .append("$set", new Document("changed", now))
                .append("$setOnInsert", new Document("length", (long) data.length).append("chunkSize", CHUNK_SIZE)
                        .append("uploadDate", now).append("complete", false).append("deleting", false));
        return Mono.from(Ctx.step(ctx.files()).findOneAndUpdate(Ctx.byId(hash), update,
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE)))
                .defaultIfEmpty(new Document())
                .flatMap(before -> ensureChunks(hash, data, before))
                .thenReturn(hash);
    }

    private Mono<Void> ensureChunks(String hash, byte[] data, Document before) {
        return ensureChunks(hash, data, before, System.nanoTime() + COLLECTOR_WAIT.toNanos());
    }

    private Mono<Void> ensureChunks(String hash, byte[] data, Document before, long deadline) {
        if (Boolean.TRUE.equals(before.getBoolean("deleting"))) {
            // The collector is removing this blob; our reference makes its final delete fail, after which it
            // clears the flag. Wait for that, then rewrite the chunks it may have removed. A mark that stays (its
            // collector died; a later pass resumes it) fails this ingest temporarily rather than race a collector
            // that may still be deleting chunks: the sender retries.
            if (System.nanoTime() > deadline) {
                return release(List.of(hash)).then(Mono.error(GannetException.unavailable(
                        "attachment " + hash + " is being collected", null)));
            }
            return Mono.delay(Duration.ofMillis(20)).then(Mono.defer(() -> reread(hash)))
                    .flatMap(now -> ensureChunks(hash, data, now, deadline));
        }
        if (Boolean.TRUE.equals(before.getBoolean("complete"))) {
            return Mono.empty();
        }
        return writeChunks(hash, data)
                .then(Mono.from(Ctx.step(ctx.files()).updateOne(Ctx.byId(hash),
                        new Document("$set", new Document("complete", true)))))
                .then();
    }

    private Mono<Document> reread(String hash) {
        return Mono.from(ctx.files().find(Ctx.byId(hash)).first()).defaultIfEmpty(new Document());
    }

    private Mono<Void> writeChunks(String hash, byte[] data) {
        int count = Math.max(1, (data.length + CHUNK_SIZE - 1) / CHUNK_SIZE);
        return Flux.range(0, count)
                .concatMap(n -> {
                    int from = n * CHUNK_SIZE;
                    int to = Math.min(data.length, from + CHUNK_SIZE);
                    byte[] piece = java.util.Arrays.copyOfRange(data, from, to);
                    Document chunk = new Document("_id", chunkId(hash, n)).append("files_id", hash).append("n", n)
                            .append("data", new Binary(piece));
                    return Mono.from(Ctx.step(ctx.chunks()).replaceOne(Ctx.byId(chunk.getString("_id")), chunk,
                            new ReplaceOptions().upsert(true)));
                }, 2)
                .then();
    }

    /**
     * Takes one more reference to each blob (copying a message) and emits true; emits false, holding none of
     * them, if one is gone or being collected: the message it belonged to was expunged and purged meanwhile,
     * since the collector deletes only what no message refers to, so the copy of that message is skipped.
     */
    Mono<Boolean> retainAll(List<String> hashes) {
        return retain(hashes, 0);
    }

    private Mono<Boolean> retain(List<String> hashes, int i) {
        if (i == hashes.size()) {
            return Mono.just(true);
        }
        String h = hashes.get(i);
        return Mono.from(Ctx.step(ctx.files()).findOneAndUpdate(Ctx.byId(h),
                        new Document("$inc", new Document("refs", 1L)).append("$set", new Document("changed", new Date())),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)
                                .projection(new Document("deleting", 1))))
                .flatMap(before -> Boolean.TRUE.equals(before.getBoolean("deleting"))
                        ? release(hashes.subList(0, i + 1)).thenReturn(false)
                        : retain(hashes, i + 1))
                .switchIfEmpty(Mono.defer(() -> release(hashes.subList(0, i)).thenReturn(false)));
    }

    /** Drops one reference per entry (a message's bytes were deleted); a blob at 0 waits for the collector. */
    Mono<Void> release(Collection<String> hashes) {
        return Flux.fromIterable(hashes)
                .concatMap(h -> Mono.from(Ctx.step(ctx.files()).updateOne(Ctx.byId(h),
                        new Document("$inc", new Document("refs", -1L)).append("$set", new Document("changed", new Date())))))
                .then();
    }

    /** Bytes {@code [offset, offset+length)} of a blob, streamed chunk batch by chunk batch. */
    Flux<ByteBuffer> read(String hash, long offset, long length) {
        if (length <= 0) {
            return Flux.empty();
        }
        long first = offset / CHUNK_SIZE;
        long last = (offset + length - 1) / CHUNK_SIZE;
        List<List<String>> batches = new ArrayList<>();
        for (long n = first; n <= last; n += READ_BATCH) {
            List<String> ids = new ArrayList<>();
            for (long k = n; k <= Math.min(last, n + READ_BATCH - 1); k++) {
                ids.add(chunkId(hash, k));
            }
            batches.add(ids);
        }
        return Flux.fromIterable(batches)
                .concatMap(ids -> Flux.from(ctx.chunks().find(Ctx.byIds(ids))).collectList()
                        .flatMapMany(docs -> {
                            docs.sort((a, b) -> Integer.compare(a.getInteger("n"), b.getInteger("n")));
                            if (docs.size() != ids.size()) {
                                return Flux.error(GannetException.unavailable(
                                        "blob " + hash + " is missing chunks", null));
                            }
                            return Flux.fromIterable(docs);
                        }), 1)
                .map(d -> {
                    long n = d.getInteger("n");
                    byte[] data = d.get("data", Binary.class).getData();
                    long chunkStart = n * CHUNK_SIZE;
                    int from = (int) Math.max(0, offset - chunkStart);
                    int to = (int) Math.min(data.length, offset + length - chunkStart);
                    return ByteBuffer.wrap(data, from, Math.max(0, to - from)).slice();
                });
    }
}
