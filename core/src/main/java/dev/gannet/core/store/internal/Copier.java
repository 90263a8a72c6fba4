package dev.gannet.core.store.internal;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.CopyResult;
import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.Uid;
import dev.gannet.core.store.UidSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * COPY (RFC 3501 §6.4.7) and MOVE (RFC 6851). Content is shared, never re-parsed: a copy is the source's two
 * documents with a new identity, after its blob references were taken and its bytes reserved against quota.
 * Messages go in batches of {@value #BATCH}; each batch takes one modseq and writes one journal entry. Only
 * live messages are copied. A MOVE first claims its sources ({@link Expunger#claim}), so of two sessions moving
 * the same message exactly one gets it and the message arrives in one target once; the {@link Ops} record lets
 * repair undo a move a crash stopped before its copies were made, or finish one stopped after.
 */
final class Copier {

    private static final int BATCH = 50;
    private final Ctx ctx;
    private final MessageReader reader;
    private final Blobs blobs;
    private final MongoQuotaStore quota;
    private final JournalWriter journal;
    private final Expunger expunger;
    private final Ops ops;
    private final Purger purger;

    Copier(Ctx ctx, MessageReader reader, Blobs blobs, MongoQuotaStore quota, JournalWriter journal, Expunger expunger,
            Ops ops, Purger purger) {
        this.ctx = ctx;
        this.reader = reader;
        this.blobs = blobs;
        this.quota = quota;
        this.journal = journal;
        this.expunger = expunger;
        this.ops = ops;
        this.purger = purger;
    }

    Mono<CopyResult> copy(String from, UidSet set, String to) {
        return run(from, set, to, false);
    }

    Mono<CopyResult> move(String from, UidSet set, String to) {
        return run(from, set, to, true);
    }

    /** Moves INBOX's messages up to {@code maxUid} (RFC 3501 §6.3.5 INBOX rename); repeating it finishes it. */
    Mono<Void> moveAll(String from, String to, long maxUid) {
        return maxUid < 1 ? Mono.empty() : run(from, UidSet.range(1, maxUid), to, true).then();
    }

    private Mono<CopyResult> run(String from, UidSet set, String to, boolean move) {
        return Mono.zip(box(from), box(to)).flatMap(boxes -> {
            if (!boxes.getT1().getString("user").equals(boxes.getT2().getString("user"))) {
                return Mono.error(GannetException.invalid("cannot copy between users"));
            }
            long uidValidity = MailboxDocs.num(boxes.getT2(), "uidValidity");
            List<Uid> src = new ArrayList<>();
            List<Uid> dst = new ArrayList<>();
            return reader.candidates(from, set)
                    .flatMapMany(uids -> Flux.fromIterable(FlagUpdater.toList(uids)))
                    .buffer(BATCH)
                    .concatMap(uids -> {
                        List<String> ids = uids.stream().map(u -> MessageDocs.id(from, u)).toList();
                        return move ? moveBatch(from, ids, to, src, dst) : copyBatch(from, ids, to, src, dst);
                    }, 1)
                    .then(Mono.fromSupplier(() -> new CopyResult(new MailboxId(to), uidValidity, src, dst)));
        });
    }

    private Mono<Document> box(String id) {
        return Mono.from(ctx.mailboxes().find(Ctx.byId(id)).first())
                .switchIfEmpty(Mono.error(() -> GannetException.notFound("mailbox " + id)));
    }

    private Mono<Void> copyBatch(String from, List<String> ids, String to, List<Uid> src, List<Uid> dst) {
        return Flux.from(ctx.messages().find(FlagUpdater.live(ids)))
                .collectSortedList(Comparator.comparingLong(d -> JournalWriter.longOf(d.get("uid"))))
                .flatMap(docs -> withBodies(docs).flatMap(bodies -> insert(docs, bodies, to, true)))
                .doOnNext(done -> record(done, src, dst))
                .then();
    }

    private Mono<Void> moveBatch(String from, List<String> ids, String to, List<Uid> src, List<Uid> dst) {
        return ops.begin(Ops.MOVE, from, to, ids).flatMap(token -> expunger.claim(ids, new Document(), token, new Document())
                .flatMap(claimed -> claimed.isEmpty() ? ops.remove(token)
                        : withBodies(claimed)
                                .flatMap(bodies -> insert(claimed, bodies, to, false))
                                .onErrorResume(e -> unclaim(ids, token).then(ops.remove(token)).then(Mono.error(e)))
                                .flatMap(done -> settle(from, claimed, done, token).doOnSuccess(x -> record(done, src, dst)))));
    }

    /**
     * The moved messages leave the source; any claimed message that could not be copied (its bytes are gone, which
     * only a damaged store shows) is given back rather than lost.
     */
    private Mono<Void> settle(String from, List<Document> claimed, Copied done, String token) {
        Set<Long> moved = new HashSet<>(done.from());
        List<Document> gone = claimed.stream().filter(d -> moved.contains(JournalWriter.longOf(d.get("uid")))).toList();
        List<String> left = claimed.stream().filter(d -> !moved.contains(JournalWriter.longOf(d.get("uid"))))
                .map(d -> d.getString("_id")).toList();
        return (left.isEmpty() ? Mono.<Void>empty() : unclaim(left, token))
                .then(gone.isEmpty() ? ops.remove(token)
                        : ops.stage(token, Ops.COPIED).then(expunger.settle(from, gone, token, false)));
    }

    /** Gives claimed messages back (a move that could not copy them leaves them where they were). */
    Mono<Void> unclaim(List<String> ids, String token) {
        return Mono.from(ctx.messages().updateMany(Ctx.byIds(ids).append("x", token),
                new Document("$unset", new Document("x", "")))).then();
    }

    private Mono<Map<String, Document>> withBodies(List<Document> docs) {
        return reader.bodies(docs, new Document()).collectMap(b -> b.getString("_id"));
    }

    /** Source and target UIDs of what one batch copied. */
    private record Copied(List<Long> from, List<Long> to) {
    }

    private static void record(Copied c, List<Uid> src, List<Uid> dst) {
        c.from().forEach(u -> src.add(Uid.of(u)));
        c.to().forEach(u -> dst.add(Uid.of(u)));
    }

    /**
     * Writes copies of {@code docs} (those whose bytes document and blobs are still there) into {@code to}: blob
     * references taken, bytes reserved unless this is a move (the owner's usage does not change), UIDs allocated
     * with the counters, bytes documents then listed ones inserted, one journal entry.
     */
    private Mono<Copied> insert(List<Document> docs, Map<String, Document> bodies, String to, boolean reserve) {
        List<Document> present = docs.stream().filter(d -> bodies.containsKey(d.getString("_id"))).toList();
        if (present.isEmpty()) {
            return Mono.just(new Copied(List.of(), List.of()));
        }
        String user = present.get(0).getString("user");
        return Flux.fromIterable(present)
                .concatMap(d -> blobs.retainAll(refs(bodies.get(d.getString("_id")))).filter(ok -> ok).map(ok -> d), 1)
                .collectList()
                .flatMap(kept -> {
                    long bytes = kept.stream().mapToLong(d -> MailboxDocs.num(d, "size")).sum();
                    Mono<Void> undoRefs = Flux.fromIterable(kept)
                            .concatMap(d -> blobs.release(refs(bodies.get(d.getString("_id"))))).then();
                    if (kept.isEmpty()) {
                        return Mono.just(new Copied(List.of(), List.of()));
                    }
                    Mono<Void> reserved = reserve ? quota.reserve(user, bytes) : Mono.empty();
                    Mono<Void> unreserve = reserve ? quota.release(user, bytes) : Mono.empty();
                    return reserved.onErrorResume(e -> undoRefs.then(Mono.error(e)))
                            .then(write(kept, bodies, to, user).onErrorResume(e -> undoRefs.then(unreserve).then(Mono.error(e))));
                });
    }

    private Mono<Copied> write(List<Document> docs, Map<String, Document> bodies, String to, String user) {
        long bytes = docs.stream().mapToLong(d -> MailboxDocs.num(d, "size")).sum();
        long unseen = docs.stream().filter(d -> !d.getList("flags", String.class, List.of()).contains("SEEN")).count();
        return Allocator.allocate(ctx, to, docs.size(), unseen, bytes, keywords(docs)).flatMap(slot -> {
            List<Document> copies = new ArrayList<>();
            List<Document> bodyCopies = new ArrayList<>();
            List<Long> newUids = new ArrayList<>();
            for (int i = 0; i < docs.size(); i++) {
                long uid = slot.firstUid() + i;
                Document b = reidentify(bodies.get(docs.get(i).getString("_id")), to, uid);
                bodyCopies.add(b.append("at", new Date()));
                // RFC 8514: a copy's save date is when it entered the target; RFC 8474: it keeps the EMAILID
                copies.add(reidentify(docs.get(i), to, uid).append("modseq", slot.modseq())
                        .append("eid", MessageDocs.emailId(docs.get(i))).append("saved", new Date()));
                newUids.add(uid);
            }
            List<String> ids = copies.stream().map(c -> c.getString("_id")).toList();
            return Mono.from(Ctx.step(ctx.bodies()).insertMany(bodyCopies))
                    .then(Mono.from(Ctx.step(ctx.messages()).insertMany(copies)))
                    .onErrorResume(e -> Allocator.uncount(ctx, to, docs.size(), unseen, bytes)
                            .then(Mono.from(ctx.messages().deleteMany(Ctx.byIds(ids))))
                            .then(Mono.from(ctx.bodies().deleteMany(Ctx.byIds(ids))))
                            .then(Mono.error(e)))
                    // a DELETE of the target meanwhile may have missed these copies
                    .then(purger.sweepIfGone(to, ids))
                    .then(journal.mailboxEntry(user, to, slot.modseq(), "APPENDED", newUids,
                            next -> FlagUpdater.updateInBatches(ctx, ids, new Document("$max", new Document("modseq", next)))))
                    .thenReturn(new Copied(Expunger.uids(docs), newUids));
        });
    }

    private static List<String> refs(Document body) {
        return body.getList("blobs", String.class, List.of());
    }

    /** The keywords the copies carry, for the target's list of keywords in use. */
    private static Set<String> keywords(List<Document> docs) {
        Set<String> out = new LinkedHashSet<>();
        docs.forEach(d -> out.addAll(d.getList("kw", String.class, List.of())));
        return out;
    }

    private static Document reidentify(Document d, String mailboxId, long uid) {
        Document c = new Document(d);
        c.remove("x");
        c.put("_id", MessageDocs.id(mailboxId, uid));
        c.put("mailbox", mailboxId);
        c.put("uid", uid);
        return c;
    }
}
