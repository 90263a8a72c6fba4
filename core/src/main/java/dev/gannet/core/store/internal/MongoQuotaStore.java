package dev.gannet.core.store.internal;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.QuotaStore;
import dev.gannet.core.store.QuotaUsage;
import dev.gannet.core.store.UserId;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Storage quota (RFC 9208 STORAGE). A write first reserves its bytes with one atomic {@code $inc} on the user
 * document and reads the value before it: if that plus the request exceeds the limit, it gives the bytes
 * back and fails with OVER_QUOTA. Concurrent deliveries therefore never overshoot together, and usage stays
 * exact as long as every failed write releases what it reserved; {@link #recount} repairs crashes.
 */
final class MongoQuotaStore implements QuotaStore {

    private final Ctx ctx;

    MongoQuotaStore(Ctx ctx) {
        this.ctx = ctx;
    }

    @Override
    public Mono<QuotaUsage> get(UserId user) {
        return Errors.guard(Mono.from(ctx.users().find(Ctx.byId(user.value())).first())
                .map(d -> new QuotaUsage(MailboxDocs.num(d, "storageUsed"), MailboxDocs.num(d, "quotaLimit"))));
    }

    @Override
    public Mono<Void> setLimit(UserId user, long limit) {
        if (limit < 0) {
            return Mono.error(GannetException.invalid("quota must not be negative"));
        }
        return Errors.guard(Mono.from(ctx.users().updateOne(Ctx.byId(user.value()),
                        new Document("$set", new Document("quotaLimit", limit))))
                .flatMap(r -> r.getMatchedCount() == 0 ? Mono.error(GannetException.notFound("user " + user)) : Mono.empty()));
    }

    @Override
    public Mono<Void> check(UserId user, long bytes) {
        return get(user).switchIfEmpty(Mono.error(() -> GannetException.notFound("user " + user)))
                .flatMap(q -> q.exceededBy(bytes)
                        ? Mono.error(new GannetException.OverQuota(q.used(), q.limit(), bytes)) : Mono.empty());
    }

    /** Atomically adds {@code bytes} to usage, undoing it and failing if that breaks the limit. */
    Mono<Void> reserve(String user, long bytes) {
        return Mono.from(Ctx.step(ctx.users()).findOneAndUpdate(Ctx.byId(user),
                        new Document("$inc", new Document("storageUsed", bytes)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)
                                .projection(new Document("storageUsed", 1).append("quotaLimit", 1))))
                .switchIfEmpty(Mono.error(() -> GannetException.notFound("user " + user)))
                .flatMap(before -> {
                    long used = MailboxDocs.num(before, "storageUsed");
                    long limit = MailboxDocs.num(before, "quotaLimit");
                    if (limit > 0 && bytes > 0 && used + bytes > limit) {
                        return release(user, bytes).then(Mono.error(new GannetException.OverQuota(used, limit, bytes)));
                    }
                    return Mono.empty();
                });
    }

    Mono<Void> release(String user, long bytes) {
        if (bytes == 0) {
            return Mono.empty();
        }
        // a step: every caller ends with a durable write of its own (journal, op record, lock), or fails anyway
        return Mono.from(Ctx.step(ctx.users()).updateOne(Ctx.byId(user),
                new Document("$inc", new Document("storageUsed", -bytes)))).then();
    }

    /**
     * Sums the user's messages (a scan: this is a repair task) and sets usage and each mailbox's counters.
     * Writes that run concurrently with a recount may be counted twice or not at all; run it when quiet.
     */
    @Override
    public Mono<QuotaUsage> recount(UserId user) {
        Map<String, long[]> perMailbox = new HashMap<>();
        return Errors.guard(Flux.from(ctx.mailboxes().find(new Document("user", user.value()))
                        .projection(new Document("_id", 1)))
                .doOnNext(m -> perMailbox.put(m.getString("_id"), new long[3]))
                .thenMany(Flux.from(ctx.messages().find(new Document("user", user.value()))
                        .projection(new Document("mailbox", 1).append("size", 1).append("flags", 1).append("x", 1))
                        .batchSize(Ctx.SCAN_BATCH)))
                // an expunged message kept for sessions not yet told no longer counts (its bytes went back at EXPUNGE)
                .filter(d -> !d.containsKey("x"))
                .doOnNext(d -> {
                    long[] c = perMailbox.get(d.getString("mailbox"));
                    if (c != null) {
                        c[0]++;
                        c[1] += d.getList("flags", String.class, java.util.List.of()).contains("SEEN") ? 0 : 1;
                        c[2] += MailboxDocs.num(d, "size");
                    }
                })
                .then(Mono.defer(() -> Flux.fromIterable(perMailbox.entrySet())
                        .concatMap(e -> Mono.from(ctx.mailboxes().updateOne(Ctx.byId(e.getKey()), new Document("$set",
                                new Document("messages", e.getValue()[0]).append("unseen", e.getValue()[1])
                                        .append("bytes", e.getValue()[2])))))
                        .then(Mono.fromSupplier(() -> perMailbox.values().stream().mapToLong(c -> c[2]).sum()))))
                .flatMap(total -> Mono.from(ctx.users().updateOne(Ctx.byId(user.value()),
                                new Document("$set", new Document("storageUsed", total))))
                        .then(get(user))));
    }
}
