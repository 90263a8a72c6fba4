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

    /** Deletes every message of a mailbox whose document is already gone; emits how many went. */
    Mono<Long> purgeMailbox(String mailboxId) {
        return Flux.from(ctx.messages().find(new Document("mailbox", mailboxId)).projection(new Document("_id", 1))
                        .batchSize(Ctx.SCAN_BATCH))
                .map(d -> d.getString("_id"))
                .buffer(MessageReader.BATCH)
                .concatMap(ids -> delete(ids, null), 1)
                .reduce(0L, Long::sum);
    }

    /** Deletes the messages among {@code ids} (only those claimed by {@code token}, if one is given). */
    Mono<Long> delete(List<String> ids, String token) {
        return Flux.fromIterable(ids)
                .flatMap(id -> deleteOne(id, token), IN_FLIGHT)
                .reduce(0L, Long::sum);
    }

    private Mono<Long> deleteOne(String id, String token) {
        Document filter = Ctx.byId(id);
        if (token != null) {
            filter.append("x", token);
        }
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
