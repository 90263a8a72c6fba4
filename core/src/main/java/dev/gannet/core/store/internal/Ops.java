package dev.gannet.core.store.internal;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Records of message removals in flight ({@code ops}): an expunge or a move writes one before it claims its
 * messages, so whatever a crash interrupts is found here rather than by scanning messages, and the record of a
 * finished removal says when its expunged messages may be deleted for good ({@link Purger}). Fields:
 * {@code kind} (expunge, move), {@code mailbox} (the source), {@code to} (a move's target), {@code ids} (the
 * message {@code _id}s the operation may have claimed; it claimed exactly those whose {@code x} is its
 * {@code _id}), {@code stage} (claimed, copied, done), {@code at}, and {@code purgeAfter} once done.
 */
final class Ops {

    static final String EXPUNGE = "expunge";
    static final String MOVE = "move";
    static final String CLAIMED = "claimed";
    static final String COPIED = "copied";
    static final String DONE = "done";

    private final Ctx ctx;

    Ops(Ctx ctx) {
        this.ctx = ctx;
    }

    /** Records a removal about to claim messages among {@code ids}; emits its token (the record's {@code _id}). */
    Mono<String> begin(String kind, String mailboxId, String to, List<String> ids) {
        String token = new ObjectId().toHexString();
        Document op = new Document("_id", token).append("kind", kind).append("mailbox", mailboxId).append("to", to)
                .append("ids", ids).append("stage", CLAIMED).append("at", new Date());
        return Mono.from(Ctx.step(ctx.ops()).insertOne(op)).thenReturn(token);
    }

    Mono<Void> stage(String token, String stage) {
        return Mono.from(Ctx.step(ctx.ops()).updateOne(Ctx.byId(token), new Document("$set", new Document("stage", stage))))
                .then();
    }

    /** The removal took effect; its messages are deleted for good after {@code store.expungedRetention}. */
    Mono<Void> done(String token) {
        Date purgeAfter = Date.from(Instant.now().plus(ctx.options().expungedRetention()));
        return Mono.from(Ctx.step(ctx.ops()).updateOne(Ctx.byId(token),
                new Document("$set", new Document("stage", DONE).append("purgeAfter", purgeAfter)))).then();
    }

    Mono<Void> remove(String token) {
        return Mono.from(ctx.ops().deleteOne(Ctx.byId(token))).then();
    }

    /** Finished removals whose retention has passed (a scan of this small collection). */
    Flux<Document> due(Instant now) {
        return Flux.from(ctx.ops().find(new Document("stage", DONE)
                .append("purgeAfter", new Document("$lte", Date.from(now)))).batchSize(Ctx.SCAN_BATCH));
    }

    /** Removals unfinished since before {@code cutoff}: their writer is taken as crashed. */
    Flux<Document> stale(Instant cutoff) {
        return Flux.from(ctx.ops().find(new Document("stage", new Document("$ne", DONE))
                .append("at", new Document("$lt", Date.from(cutoff)))).batchSize(Ctx.SCAN_BATCH));
    }
}
