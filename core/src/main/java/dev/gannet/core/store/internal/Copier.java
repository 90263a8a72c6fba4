package dev.gannet.core.store.internal;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.CopyResult;
import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.Uid;
import dev.gannet.core.store.UidSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * COPY (RFC 3501 §6.4.7) and MOVE (RFC 6851). Content is shared, never re-parsed: a copy is the source's
 * two documents with a new identity, after its blob references were taken and its bytes reserved against quota.
 * Messages go in batches of {@value #BATCH}; each batch takes one modseq and writes one journal entry.
 */
final class Copier {

    private static final int BATCH = 50;
    private final Ctx ctx;
    private final MessageReader reader;
    private final Blobs blobs;
    private final MongoQuotaStore quota;
    private final JournalWriter journal;
    private final Expunger expunger;

    Copier(Ctx ctx, MessageReader reader, Blobs blobs, MongoQuotaStore quota, JournalWriter journal, Expunger expunger) {
        this.ctx = ctx;
        this.reader = reader;
        this.blobs = blobs;
        this.quota = quota;
        this.journal = journal;
        this.expunger = expunger;
    }

    Mono<CopyResult> copy(String from, UidSet set, String to) {
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
                    .concatMap(uids -> reader.docs(from, uids, new Document()).collectList()
                            .flatMap(docs -> reader.bodies(docs, new Document()).collectMap(b -> b.getString("_id"))
                                    .flatMap(bodies -> batch(withBodies(docs, bodies), bodies, to, src, dst))), 1)
                    .then(Mono.fromSupplier(() -> new CopyResult(new MailboxId(to), uidValidity, src, dst)));
        });
    }

    private Mono<Document> box(String id) {
        return Mono.from(ctx.mailboxes().find(Ctx.byId(id)).first())
                .switchIfEmpty(Mono.error(() -> GannetException.notFound("mailbox " + id)));
    }

    /** The messages whose bytes were found (one expunged meanwhile is skipped, as if it had gone before). */
    private static List<Document> withBodies(List<Document> docs, Map<String, Document> bodies) {
        return docs.stream().filter(d -> bodies.containsKey(d.getString("_id"))).toList();
    }

    private Mono<Void> batch(List<Document> docs, Map<String, Document> bodies, String to, List<Uid> src, List<Uid> dst) {
        if (docs.isEmpty()) {
            return Mono.empty();
        }
        String user = docs.get(0).getString("user");
        long bytes = docs.stream().mapToLong(d -> MailboxDocs.num(d, "size")).sum();
        long unseen = docs.stream().filter(d -> !d.getList("flags", String.class, List.of()).contains("SEEN")).count();
        List<String> refs = new ArrayList<>();
        docs.forEach(d -> refs.addAll(bodies.get(d.getString("_id")).getList("blobs", String.class, List.of())));
        Mono<Void> undo = blobs.release(refs).then(quota.release(user, bytes));
        return quota.reserve(user, bytes)
                .then(blobs.retain(refs).onErrorResume(e -> quota.release(user, bytes).then(Mono.error(e))))
                .then(Allocator.allocate(ctx, to, docs.size(), unseen, bytes, keywords(docs)).onErrorResume(e -> undo.then(Mono.error(e))))
                .flatMap(slot -> {
                    List<Document> copies = new ArrayList<>();
                    List<Document> bodyCopies = new ArrayList<>();
                    List<Long> newUids = new ArrayList<>();
                    for (int i = 0; i < docs.size(); i++) {
                        long uid = slot.firstUid() + i;
                        Document b = bodies.get(docs.get(i).getString("_id"));
                        bodyCopies.add(reidentify(b, to, uid));
                        copies.add(reidentify(docs.get(i), to, uid).append("modseq", slot.modseq()));
                        newUids.add(uid);
                    }
                    List<String> ids = copies.stream().map(c -> c.getString("_id")).toList();
                    return Mono.from(Ctx.step(ctx.bodies()).insertMany(bodyCopies))
                            .then(Mono.from(Ctx.step(ctx.messages()).insertMany(copies)))
                            .onErrorResume(e -> Allocator.uncount(ctx, to, docs.size(), unseen, bytes)
                                    .then(Mono.from(ctx.messages().deleteMany(Ctx.byIds(ids))))
                                    .then(Mono.from(ctx.bodies().deleteMany(Ctx.byIds(ids))))
                                    .then(undo).then(Mono.error(e)))
                            .then(journal.mailboxEntry(user, to, slot.modseq(), "APPENDED", newUids,
                                    next -> Mono.from(ctx.messages().updateMany(Ctx.byIds(ids),
                                            new Document("$max", new Document("modseq", next)))).then()))
                            .doOnSuccess(x -> {
                                docs.forEach(d -> src.add(Uid.of(JournalWriter.longOf(d.get("uid")))));
                                newUids.forEach(u -> dst.add(Uid.of(u)));
                            })
                            .then();
                });
    }

    /** The keywords the copies carry, for the target's list of keywords in use. */
    private static java.util.Set<String> keywords(List<Document> docs) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        docs.forEach(d -> out.addAll(d.getList("kw", String.class, List.of())));
        return out;
    }

    private static Document reidentify(Document d, String mailboxId, long uid) {
        Document c = new Document(d);
        c.put("_id", MessageDocs.id(mailboxId, uid));
        c.put("mailbox", mailboxId);
        c.put("uid", uid);
        return c;
    }

    Mono<CopyResult> move(String from, UidSet set, String to) {
        return copy(from, set, to).flatMap(r -> r.sourceUids().isEmpty() ? Mono.just(r)
                : expunger.expunge(from, UidSet.of(r.sourceUids()), false).thenReturn(r));
    }
}
