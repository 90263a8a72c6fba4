package dev.gannet.core.store.internal;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import dev.gannet.core.store.UserId;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finishes or undoes the message removals a crash interrupted ({@link Ops} records older than
 * {@code store.repairGrace} and not done). A move that had not made its copies is undone: its sources are given
 * back, so at worst a crash leaves a message in both mailboxes, never in neither. An expunge, and a move that had
 * made its copies, is finished: its claimed messages stay expunged, the owner's counters and quota are recounted
 * from the messages (the crash may have come before or after they moved, and only a recount tells), and the
 * EXPUNGED journal entry is written so sessions learn of it.
 */
final class OpRepair {

    private static final Logger log = LoggerFactory.getLogger(OpRepair.class);
    private final Ctx ctx;
    private final Ops ops;
    private final Expunger expunger;
    private final MongoQuotaStore quota;
    private final JournalWriter journal;

    OpRepair(Ctx ctx, Ops ops, Expunger expunger, MongoQuotaStore quota, JournalWriter journal) {
        this.ctx = ctx;
        this.ops = ops;
        this.expunger = expunger;
        this.quota = quota;
        this.journal = journal;
    }

    /**
     * Emits how many records were finished or undone. Undoing comes first: a finishing recount must not find
     * messages still claimed by a move that is about to give them back.
     */
    Mono<Long> repair() {
        return ops.stale(Instant.now().minus(ctx.options().repairGrace())).collectList()
                .flatMapMany(stale -> Flux.concat(Flux.fromIterable(stale).filter(OpRepair::undone),
                        Flux.fromIterable(stale).filter(op -> !undone(op))))
                .concatMap(op -> repair(op).thenReturn(1L), 1)
                .reduce(0L, Long::sum);
    }

    /** A move that had not made its copies is undone; everything else is finished. */
    private static boolean undone(Document op) {
        return Ops.MOVE.equals(op.getString("kind")) && Ops.CLAIMED.equals(op.getString("stage"));
    }

    private Mono<Void> repair(Document op) {
        String token = op.getString("_id");
        String mailbox = op.getString("mailbox");
        List<String> ids = op.getList("ids", String.class, List.of());
        boolean undo = undone(op);
        log.warn("repairing an interrupted {} in mailbox {} ({}): {}", op.getString("kind"), mailbox, token,
                undo ? "undone" : "finished");
        if (undo) {
            return Mono.from(ctx.messages().updateMany(Ctx.byIds(ids).append("x", token),
                            new Document("$unset", new Document("x", ""))))
                    .then(ops.remove(token));
        }
        return expunger.claimed(ids, token, Expunger.CLAIMED).flatMap(claimed -> {
            if (claimed.isEmpty()) {
                return ops.remove(token);
            }
            String user = claimed.get(0).getString("user");
            return quota.recount(new UserId(user))
                    .then(Mono.from(ctx.mailboxes().findOneAndUpdate(Ctx.byId(mailbox),
                            new Document("$inc", new Document("highestModseq", 1L)),
                            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)
                                    .projection(new Document("highestModseq", 1)))))
                    .flatMap(before -> ops.done(token).then(journal.mailboxEntry(user, mailbox,
                            MailboxDocs.num(before, "highestModseq") + 1, "EXPUNGED", Expunger.uids(claimed),
                            next -> Mono.empty())))
                    .then(ops.done(token));
        });
    }
}
