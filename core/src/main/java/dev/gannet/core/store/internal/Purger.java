package dev.gannet.core.store.internal;

import com.mongodb.client.model.FindOneAndDeleteOptions;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deletes message documents for good: the expunged messages of finished removals once
 * {@code store.expungedRetention} has passed, and every message of a deleted mailbox. Each document goes by its
 * own {@code findOneAndDelete}, the listed one first and then its bytes, and only the caller whose delete
 * removed a document acts on it: the bytes document it removed is the one whose blob references it releases,
 * and a live message it removed is the one whose bytes it gives back to the quota (an expunged one gave them back
 * when it was expunged). Two purgers, or a purger and repair, on the same messages therefore release each blob
 * reference once. This runs in the background (the tasks role) or after a mailbox's document is gone, so a round
 * trip per message is paid there and never by a client waiting for EXPUNGE.
 */
final class Purger {

    private static final int IN_FLIGHT = 4;
    private static final Document GONE = new Document("size", 1).append("x", 1).append("user", 1);
    private final Ctx ctx;
    private final Blobs blobs;
    private final MongoQuotaStore quota;
    private final Ops ops;

    Purger(Ctx ctx, Blobs blobs, MongoQuotaStore quota, Ops ops) {
        this.ctx = ctx;
        this.blobs = blobs;
        this.quota = quota;
        this.ops = ops;
    }

    /** Deletes the messages of every finished removal past its retention; emits how many documents went. */
    Mono<Long> purgeDue() {
        return ops.due(Instant.now())
                .concatMap(op -> delete(op.getList("ids", String.class, List.of()), op.getString("_id"))
                        .flatMap(n -> ops.remove(op.getString("_id")).thenReturn(n)), 1)
                .reduce(0L, Long::sum);
    }

    /**
     * Deletes every live message of a mailbox whose document is already gone; emits how many went. Messages a
     * removal has claimed are left to it: it reads them back by its token to settle them (their bytes go back to the
     * quota there), and {@link #purgeDue} deletes them once it has finished. Deleting them here would make that read
     * come back short and their bytes stay charged for ever.
     */
    Mono<Long> purgeMailbox(String mailboxId) {
        return Flux.from(ctx.messages().find(new Document("mailbox", mailboxId)).projection(new Document("_id", 1))
                        .batchSize(Ctx.SCAN_BATCH))
                .map(d -> d.getString("_id"))
                .buffer(MessageReader.BATCH)
                .concatMap(ids -> delete(ids, null), 1)
                .reduce(0L, Long::sum);
    }

    /**
     * For the store check: deletes every message of a mailbox whose document is gone, the live ones and the claimed
     * ones whose removal left no record (a crash before it finished, or its record went); a removal still on
     * record keeps its messages. Emits how many went.
     */
    Mono<Long> purgeAbandoned(String mailboxId) {
        return purgeMailbox(mailboxId).flatMap(live -> Flux.from(ctx.messages().find(
                                new Document("mailbox", mailboxId)).projection(new Document("x", 1)).batchSize(Ctx.SCAN_BATCH))
                .filter(d -> d.get("x") instanceof String)
                .concatMap(d -> Mono.from(ctx.ops().find(Ctx.byId(d.getString("x"))).projection(new Document("_id", 1)).first())
                        .hasElement()
                        .flatMap(onRecord -> onRecord ? Mono.just(0L) : deleteOne(d.getString("_id"), d.getString("x"))), 1)
                .reduce(live, Long::sum));
    }

    /**
     * For a writer that has just inserted {@code ids} into {@code mailboxId}: if the mailbox's document is gone
     * now, its delete may have scanned for messages before these landed, so the writer deletes them itself, as
     * the purge would have (the write is then ordered before the delete). The insert came first and the mailbox's
     * delete comes before its scan, so a mailbox seen here still existing means the scan will find them; whichever
     * of the two deletes a message releases it, once.
     */
    Mono<Void> sweepIfGone(String mailboxId, List<String> ids) {
        return Mono.from(ctx.mailboxes().find(Ctx.byId(mailboxId)).projection(new Document("_id", 1)).first())
                .hasElement()
                .flatMap(exists -> exists ? Mono.empty() : delete(ids, null).then());
    }

    /**
     * Deletes the messages among {@code ids}: those claimed by {@code token}, or, for {@code null}, the live ones
     * (claimed messages are their removal's to delete).
     */
    Mono<Long> delete(List<String> ids, String token) {
        return Flux.fromIterable(ids)
                .flatMap(id -> deleteOne(id, token), IN_FLIGHT)
                .reduce(0L, Long::sum);
    }

    private Mono<Long> deleteOne(String id, String token) {
        Document filter = Ctx.byId(id);
        filter.append("x", token != null ? token : new Document("$exists", false));
        return Mono.from(Ctx.step(ctx.messages()).findOneAndDelete(filter, new FindOneAndDeleteOptions().projection(GONE)))
                .flatMap(gone -> {
                    Mono<Void> quotaBack = gone.containsKey("x") ? Mono.empty()
                            : quota.release(gone.getString("user"), MailboxDocs.num(gone, "size")).onErrorResume(e -> Mono.empty());
                    return quotaBack.then(deleteBytes(id)).thenReturn(1L);
                })
                .defaultIfEmpty(0L);
    }

    /** Removes a message's bytes document and releases the blob references of the one this call removed. */
    Mono<Void> deleteBytes(String id) {
        return Mono.from(Ctx.step(ctx.bodies()).findOneAndDelete(Ctx.byId(id),
                        new FindOneAndDeleteOptions().projection(new Document("blobs", 1))))
                .flatMap(b -> blobs.release(b.getList("blobs", String.class, List.of())));
    }
}
