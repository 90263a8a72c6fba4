package dev.gannet.core.store.internal;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import dev.gannet.core.error.GannetException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Function;
import org.bson.Document;
import org.bson.types.ObjectId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One change of a user's mailbox tree at a time (RENAME of a folder with children, DELETE, INBOX rename), with
 * its intent recorded first: the lock is the field {@code tree} of the user document, taken by one conditional
 * update and holding what the operation is about to do. The operation then does it step by step and clears the
 * field last. A crash leaves the intent, and whoever finds it (the next tree change of that user once
 * {@code store.repairGrace} has passed, or repair) finishes it with {@link MailboxTree#apply}, which every step
 * allows to repeat. A second change that finds the lock held waits a little and then answers CONFLICT.
 */
final class TreeLock {

    private static final Duration RETRY = Duration.ofMillis(50);
    private static final int ATTEMPTS = 100;
    private final Ctx ctx;
    private final MailboxTree tree;

    TreeLock(Ctx ctx, MailboxTree tree) {
        this.ctx = ctx;
        this.tree = tree;
    }

    /**
     * Takes the lock with {@code intent}, lets {@code prepare} check the request and complete the intent (a
     * failure there changes nothing and releases the lock), records the completed intent, applies it, releases.
     */
    <T> Mono<T> run(String user, Document intent, Function<Document, Mono<Document>> prepare, Mono<T> result) {
        String token = new ObjectId().toHexString();
        Document taken = new Document(intent).append("token", token).append("at", new Date());
        return acquire(user, taken, ATTEMPTS)
                .then(Mono.defer(() -> prepare.apply(taken)))
                .onErrorResume(e -> release(user, token).then(Mono.error(e)))
                .flatMap(ready -> record(user, token, ready)
                        .then(tree.apply(user, ready))
                        .onErrorResume(e -> failed(user, token).then(Mono.error(e))))
                .then(release(user, token))
                .then(result);
    }

    private Mono<Void> acquire(String user, Document intent, int attempts) {
        return Mono.from(Ctx.step(ctx.users()).findOneAndUpdate(
                        new Document("_id", user).append("tree", new Document("$exists", false)),
                        new Document("$set", new Document("tree", intent)),
                        new FindOneAndUpdateOptions().projection(new Document("_id", 1))))
                .map(d -> true)
                .switchIfEmpty(Mono.defer(() -> busy(user, attempts)).then(Mono.just(false)))
                .flatMap(ok -> ok ? Mono.empty() : acquire(user, intent, attempts - 1));
    }

    /** The lock is held: finish a dead holder's work, or wait for a live one; errors when waiting is over. */
    private Mono<Void> busy(String user, int attempts) {
        return Mono.from(ctx.users().find(Ctx.byId(user)).projection(new Document("tree", 1)).first())
                .switchIfEmpty(Mono.error(() -> GannetException.notFound("user " + user)))
                .flatMap(u -> {
                    Document held = u.get("tree", Document.class);
                    if (held == null) {
                        return Mono.empty();
                    }
                    if (stale(held, Instant.now().minus(ctx.options().repairGrace()))) {
                        return finish(user, held);
                    }
                    if (attempts <= 1) {
                        return Mono.error(GannetException.conflict("another change of the mailbox tree is in progress"));
                    }
                    return Mono.delay(RETRY).then();
                });
    }

    private static boolean stale(Document held, Instant cutoff) {
        Date at = held.getDate("at");
        return held.containsKey("failedAt") || at == null || at.toInstant().isBefore(cutoff);
    }

    /** Completes a crashed or failed holder's intent and clears it. */
    Mono<Void> finish(String user, Document held) {
        return tree.repair(user, held).then(release(user, held.getString("token")));
    }

    /** Finishes every intent left behind by a crash (older than {@code store.repairGrace}); emits how many. */
    Mono<Long> repair() {
        Instant cutoff = Instant.now().minus(ctx.options().repairGrace());
        return Flux.from(ctx.users().find(new Document("tree", new Document("$exists", true)))
                        .projection(new Document("tree", 1)))
                .filter(u -> stale(u.get("tree", Document.class), cutoff))
                .concatMap(u -> finish(u.getString("_id"), u.get("tree", Document.class)).thenReturn(1L))
                .reduce(0L, Long::sum);
    }

    private Mono<Void> record(String user, String token, Document ready) {
        return Mono.from(Ctx.step(ctx.users()).updateOne(new Document("_id", user).append("tree.token", token),
                new Document("$set", new Document("tree", ready)))).then();
    }

    /** Marks the intent as failed in this process, so the next tree change finishes it without waiting. */
    private Mono<Void> failed(String user, String token) {
        return Mono.from(ctx.users().updateOne(new Document("_id", user).append("tree.token", token),
                        new Document("$set", new Document("tree.failedAt", new Date()))))
                .onErrorResume(e -> Mono.empty()).then();
    }

    private Mono<Void> release(String user, String token) {
        return Mono.from(ctx.users().updateOne(new Document("_id", user).append("tree.token", token),
                new Document("$unset", new Document("tree", "")))).then();
    }
}
