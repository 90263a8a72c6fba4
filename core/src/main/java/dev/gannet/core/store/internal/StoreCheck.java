package dev.gannet.core.store.internal;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The whole-store check for what a crash between the steps of an operation can leave (docs/store.md "Repair"):
 * bytes documents whose message is gone (a crash between the two writes of an ingest, a copy or a purge) are
 * deleted with their blob references; messages whose mailbox is gone (a crash during a mailbox delete, or an
 * ingest that allocated just before the delete) are purged; and every blob's reference count is set to the
 * number of bytes documents that name it (counts left high by a crash during ingest, and any other drift). Each
 * scans collections, so it runs daily; everything it touches was last changed longer ago than
 * {@code store.repairGrace}, so an operation in flight is never mistaken for a crashed one.
 */
final class StoreCheck {

    private static final Logger log = LoggerFactory.getLogger(StoreCheck.class);
    private final Ctx ctx;
    private final Purger purger;

    StoreCheck(Ctx ctx, Purger purger) {
        this.ctx = ctx;
        this.purger = purger;
    }

    Mono<String> run() {
        Date cutoff = Date.from(Instant.now().minus(ctx.options().repairGrace()));
        return orphanBodies(cutoff).flatMap(bodies -> orphanMessages().flatMap(messages -> blobCounts(cutoff)
                .map(blobs -> bodies + " bytes documents without a message, " + messages
                        + " messages of deleted mailboxes removed; " + blobs + " attachment counts repaired")));
    }

    private Mono<Long> orphanBodies(Date cutoff) {
        return Flux.from(ctx.bodies().find().projection(new Document("at", 1)).batchSize(Ctx.SCAN_BATCH))
                .filter(b -> b.getDate("at") == null || b.getDate("at").before(cutoff))
                .map(b -> b.getString("_id"))
                .buffer(MessageReader.BATCH)
                .concatMap(ids -> Flux.from(ctx.messages().find(Ctx.byIds(ids)).projection(new Document("_id", 1)))
                        .map(d -> d.getString("_id")).collect(HashSet::new, Set::add)
                        .flatMapMany(present -> Flux.fromIterable(ids).filter(id -> !present.contains(id)))
                        .concatMap(id -> {
                            log.warn("bytes document {} has no message; deleted", id);
                            return purger.deleteBytes(id).thenReturn(1L);
                        }), 1)
                .reduce(0L, Long::sum);
    }

    private Mono<Long> orphanMessages() {
        return Flux.from(ctx.messages().distinct("mailbox", String.class))
                .buffer(MessageReader.BATCH)
                .concatMap(ids -> Flux.from(ctx.mailboxes().find(Ctx.byIds(ids)).projection(new Document("_id", 1)))
                        .map(d -> d.getString("_id")).collect(HashSet::new, Set::add)
                        .flatMapMany(present -> Flux.fromIterable(ids).filter(id -> !present.contains(id))), 1)
                .concatMap(id -> purger.purgeAbandoned(id).doOnNext(n -> {
                    if (n > 0) {
                        log.warn("{} messages of deleted mailbox {} removed", n, id);
                    }
                }), 1)
                .reduce(0L, Long::sum);
    }

    /** Sets each settled blob's count to the bytes documents that name it; emits how many were wrong. */
    private Mono<Long> blobCounts(Date cutoff) {
        return Flux.from(ctx.bodies().find().projection(new Document("blobs", 1)).batchSize(Ctx.SCAN_BATCH))
                .concatMapIterable(b -> b.getList("blobs", String.class, List.of()))
                .collect(HashMap::new, (Map<String, Long> m, String h) -> m.merge(h, 1L, Long::sum))
                .flatMap(counts -> Flux.from(ctx.files().find().projection(new Document("refs", 1).append("changed", 1)
                                .append("deleting", 1)).batchSize(Ctx.SCAN_BATCH))
                        .filter(f -> !Boolean.TRUE.equals(f.getBoolean("deleting")) && f.getDate("changed") != null
                                && f.getDate("changed").before(cutoff)
                                && MailboxDocs.num(f, "refs") != counts.getOrDefault(f.getString("_id"), 0L))
                        .concatMap(f -> fix(f, counts.getOrDefault(f.getString("_id"), 0L)))
                        .reduce(0L, Long::sum));
    }

    private Mono<Long> fix(Document f, long actual) {
        long was = MailboxDocs.num(f, "refs");
        if (was < actual) {
            log.error("blob {} counted {} references while {} messages refer to it; repaired", f.getString("_id"), was, actual);
        } else {
            log.warn("blob {} counted {} references while {} messages refer to it; repaired", f.getString("_id"), was, actual);
        }
        return Mono.from(ctx.files().updateOne(new Document("_id", f.get("_id")).append("refs", f.get("refs"))
                        .append("changed", f.get("changed")),
                        new Document("$set", new Document("refs", actual).append("changed", new Date()))))
                .map(r -> r.getModifiedCount());
    }
}
