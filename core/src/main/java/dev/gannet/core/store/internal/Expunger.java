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
 * EXPUNGE / UID EXPUNGE (RFC 3501 §6.4.3, RFC 4315 §2.1) and mailbox purge. Order: read the blob
 * references from the bytes documents, delete the listed documents and then the bytes ones, then move
 * counters and take one modseq, then release blob references and quota, then journal. A crash
 * in between over-counts (refs, quota, counters), never under-counts, so no blob still in use is freed;
 * the quota recount and blob collector repair the rest.
 */
final class Expunger {

    private static final Document PROJECTION = new Document("uid", 1).append("flags", 1).append("size", 1)
            .append("user", 1);
    private static final Document BLOBS = new Document("blobs", 1);
    private final Ctx ctx;
    private final MessageReader reader;
    private final Blobs blobs;
    private final MongoQuotaStore quota;
    private final JournalWriter journal;

    Expunger(Ctx ctx, MessageReader reader, Blobs blobs, MongoQuotaStore quota, JournalWriter journal) {
        this.ctx = ctx;
        this.reader = reader;
        this.blobs = blobs;
        this.quota = quota;
        this.journal = journal;
    }

    Mono<List<Uid>> expunge(String mailboxId, UidSet set, boolean onlyDeleted) {
        return reader.candidates(mailboxId, set)
                .flatMapMany(uids -> reader.docs(mailboxId, FlagUpdater.toList(uids), PROJECTION))
                .filter(d -> !onlyDeleted || d.getList("flags", String.class, List.of()).contains("DELETED"))
                .collectList()
                .flatMap(docs -> docs.isEmpty() ? Mono.just(List.<Uid>of())
                        : blobRefs(docs).flatMap(refs -> remove(mailboxId, docs, refs)));
    }

    private Mono<List<String>> blobRefs(List<Document> docs) {
        return reader.bodies(docs, BLOBS)
                .concatMapIterable(b -> b.getList("blobs", String.class, List.of()))
                .collectList();
    }

    private Mono<List<Uid>> remove(String mailboxId, List<Document> docs, List<String> refs) {
        List<String> ids = docs.stream().map(d -> d.getString("_id")).toList();
        List<Long> uids = docs.stream().map(d -> JournalWriter.longOf(d.get("uid"))).toList();
        long bytes = docs.stream().mapToLong(d -> MailboxDocs.num(d, "size")).sum();
        long unseen = docs.stream().filter(d -> !d.getList("flags", String.class, List.of()).contains("SEEN")).count();
        String user = docs.get(0).getString("user");
        Document inc = new Document("highestModseq", 1L).append("messages", (long) -docs.size())
                .append("unseen", -unseen).append("bytes", -bytes);
        return deleteDocs(ids)
                .then(Mono.from(Ctx.step(ctx.mailboxes()).findOneAndUpdate(Ctx.byId(mailboxId), new Document("$inc", inc),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)
                                .projection(new Document("highestModseq", 1)))))
                .flatMap(before -> release(user, refs, bytes)
                        .then(journal.mailboxEntry(user, mailboxId, MailboxDocs.num(before, "highestModseq") + 1,
                                "EXPUNGED", uids, next -> Mono.empty())))
                .switchIfEmpty(release(user, refs, bytes).then(Mono.empty()))
                .thenReturn(uids.stream().map(Uid::of).toList());
    }

    private Mono<Void> deleteDocs(List<String> ids) {
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += MessageReader.BATCH) {
            batches.add(ids.subList(i, Math.min(ids.size(), i + MessageReader.BATCH)));
        }
        return Flux.fromIterable(batches)
                .concatMap(b -> Mono.from(Ctx.step(ctx.messages()).deleteMany(Ctx.byIds(b)))
                        .then(Mono.from(Ctx.step(ctx.bodies()).deleteMany(Ctx.byIds(b)))))
                .then();
    }

    private Mono<Void> release(String user, List<String> refs, long bytes) {
        return blobs.release(refs).then(quota.release(user, bytes));
    }

    /** Removes all messages of a mailbox whose document is already deleted: no counters, no journal. */
    Mono<Void> purge(String user, String mailboxId) {
        return Flux.from(ctx.messages().find(new Document("mailbox", mailboxId)).projection(PROJECTION)
                        .batchSize(Ctx.SCAN_BATCH))
                .buffer(MessageReader.BATCH)
                .concatMap(docs -> blobRefs(docs).flatMap(refs -> deleteDocs(docs.stream().map(d -> d.getString("_id")).toList())
                        .then(release(user, refs, docs.stream().mapToLong(d -> MailboxDocs.num(d, "size")).sum()))))
                .then();
    }
}
