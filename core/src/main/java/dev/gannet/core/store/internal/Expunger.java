package dev.gannet.core.store.internal;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import dev.gannet.core.store.Uid;
import dev.gannet.core.store.UidSet;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * EXPUNGE / UID EXPUNGE (RFC 3501 §6.4.3, RFC 4315 §2.1), and the source side of MOVE. A removal is won, not
 * assumed: one conditional {@code updateMany} claims the still-live messages of a batch for this operation
 * ({@code x} = its token), and everything after follows from what that write claimed, read back by the token:
 * counters, quota and the journal entry move by exactly those messages, so two sessions expunging the same
 * message cannot both count it. A claimed message is an expunged one: no listing, count or STORE sees it, but
 * it stays readable for the IMAP sessions that have not been told yet (RFC 3501 §7.4.1) until {@link Purger}
 * deletes it after {@code store.expungedRetention}, releasing its blobs. The {@link Ops} record written before
 * the claim lets repair finish a removal a crash interrupted.
 */
final class Expunger {

    /** What the counters, quota and journal need of a claimed message. */
    static final Document CLAIMED = new Document("uid", 1).append("flags", 1).append("size", 1).append("user", 1);
    private final Ctx ctx;
    private final MessageReader reader;
    private final MongoQuotaStore quota;
    private final JournalWriter journal;
    private final Ops ops;

    Expunger(Ctx ctx, MessageReader reader, MongoQuotaStore quota, JournalWriter journal, Ops ops) {
        this.ctx = ctx;
        this.reader = reader;
        this.quota = quota;
        this.journal = journal;
        this.ops = ops;
    }

    Mono<List<Uid>> expunge(String mailboxId, UidSet set, boolean onlyDeleted) {
        Document condition = onlyDeleted ? new Document("flags", "DELETED") : new Document();
        return reader.candidates(mailboxId, set)
                .flatMapMany(uids -> Flux.fromIterable(FlagUpdater.toList(uids)).buffer(MessageReader.BATCH))
                .concatMap(batch -> {
                    List<String> ids = batch.stream().map(u -> MessageDocs.id(mailboxId, u)).toList();
                    return ops.begin(Ops.EXPUNGE, mailboxId, null, ids)
                            .flatMap(token -> claim(ids, condition, token, CLAIMED).flatMap(claimed -> claimed.isEmpty()
                                    ? ops.remove(token).thenReturn(List.<Long>of())
                                    : settle(mailboxId, claimed, token, true).thenReturn(uids(claimed))));
                }, 1)
                .concatMapIterable(l -> l)
                .map(Uid::of)
                .collectList();
    }

    /**
     * Claims for {@code token} the live messages among {@code ids} that also match {@code condition}; emits them
     * (with {@code projection}) as the claim left them. Only this operation can change or remove them from now on.
     */
    Mono<List<Document>> claim(List<String> ids, Document condition, String token, Document projection) {
        Document filter = Ctx.byIds(ids).append("x", new Document("$exists", false));
        filter.putAll(condition);
        return Mono.from(Ctx.step(ctx.messages()).updateMany(filter, new Document("$set", new Document("x", token))))
                .flatMap(r -> r.getModifiedCount() == 0 ? Mono.just(List.<Document>of())
                        : claimed(ids, token, projection));
    }

    Mono<List<Document>> claimed(List<String> ids, String token, Document projection) {
        return Flux.from(ctx.messages().find(Ctx.byIds(ids).append("x", token)).projection(projection))
                .collectSortedList((a, b) -> Long.compare(JournalWriter.longOf(a.get("uid")), JournalWriter.longOf(b.get("uid"))));
    }

    /**
     * The effects of a claim: the mailbox's counters go down by the claimed messages (one modseq for all), the
     * owner's quota too unless {@code releaseQuota} is false (a move keeps the bytes), the op is marked done,
     * and the EXPUNGED journal entry, the last and durable write, tells every reader.
     */
    Mono<Void> settle(String mailboxId, List<Document> claimed, String token, boolean releaseQuota) {
        long bytes = claimed.stream().mapToLong(d -> MailboxDocs.num(d, "size")).sum();
        long unseen = claimed.stream().filter(d -> !d.getList("flags", String.class, List.of()).contains("SEEN")).count();
        String user = claimed.get(0).getString("user");
        Document inc = new Document("highestModseq", 1L).append("messages", (long) -claimed.size())
                .append("unseen", -unseen).append("bytes", -bytes);
        Mono<Void> release = releaseQuota ? quota.release(user, bytes) : Mono.empty();
        return Mono.from(Ctx.step(ctx.mailboxes()).findOneAndUpdate(Ctx.byId(mailboxId), new Document("$inc", inc),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)
                                .projection(new Document("highestModseq", 1))))
                .flatMap(before -> release.then(ops.done(token))
                        .then(journal.mailboxEntry(user, mailboxId, MailboxDocs.num(before, "highestModseq") + 1,
                                "EXPUNGED", uids(claimed), next -> Mono.empty())))
                // the mailbox is gone (deleted meanwhile): its purge removes the messages, counters and all
                .switchIfEmpty(Mono.defer(() -> release.then(ops.done(token)).then(Mono.empty())))
                .then();
    }

    static List<Long> uids(List<Document> docs) {
        List<Long> out = new ArrayList<>(docs.size());
        docs.forEach(d -> out.add(JournalWriter.longOf(d.get("uid"))));
        return out;
    }
}
