package dev.gannet.core.store.internal;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.gannet.core.error.GannetException;
import java.util.Date;
import java.util.List;
import java.util.function.LongFunction;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * Writes journal entries and allocates the sequence numbers they are keyed by. Every number comes from one
 * {@code findOneAndUpdate($inc, BEFORE)} on the owning document (new = old + n; EMBEDDED-STORE §6.6). If a
 * reader already marked our number as skipped (we were slower than its bounded wait), the insert hits the
 * duplicate key; then we take a fresh number, re-tag what we changed with it, and record again, so no
 * change is ever lost to a reader.
 */
final class JournalWriter {

    private static final int ATTEMPTS = 4;
    private final Ctx ctx;

    JournalWriter(Ctx ctx) {
        this.ctx = ctx;
    }

    /** Allocates {@code n} numbers from {@code field} of {@code owner}; emits the first; empty if no owner. */
    static Mono<Long> allocate(MongoCollection<Document> owners, Object ownerId, String field, long n) {
        return Mono.from(owners.findOneAndUpdate(Ctx.byId(ownerId), new Document("$inc", new Document(field, n)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)
                                .projection(new Document(field, 1))))
                .map(before -> longOf(before.get(field)) + 1);
    }

    static long longOf(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    static String mailboxKey(String mailboxId, long modseq) {
        return mailboxId + ":" + modseq;
    }

    static String userKey(String userId, long seq) {
        return "u:" + userId + ":" + seq;
    }

    /**
     * Records a mailbox change at {@code modseq}; {@code retag} moves the change to a new modseq if needed.
     * Emits the modseq the change was finally recorded under.
     */
    Mono<Long> mailboxEntry(String userId, String mailboxId, long modseq, String kind, List<Long> uids,
            LongFunction<Mono<Void>> retag) {
        return insert(modseq, seq -> new Document("_id", mailboxKey(mailboxId, seq)).append("mailbox", mailboxId)
                        .append("modseq", seq).append("kind", kind).append("uids", uids).append("at", new Date()),
                () -> allocate(ctx.mailboxes(), mailboxId, "highestModseq", 1), retag, ATTEMPTS)
                .flatMap(seq -> ring(userId, mailboxId, seq));
    }

    /** Records a mailbox-list event in the user's stream; emits its sequence number. */
    Mono<Long> userEntry(String userId, String kind, String mailboxId, String name, String oldName) {
        return userEntry(userId, kind, mailboxId, name, oldName, null);
    }

    /** Records that METADATA entries of a mailbox (null: the server's) changed; emits the sequence number. */
    Mono<Long> metadataEntry(String userId, String mailboxId, List<String> entries) {
        return userEntry(userId, "METADATA", mailboxId, null, null, entries);
    }

    private Mono<Long> userEntry(String userId, String kind, String mailboxId, String name, String oldName,
            List<String> entries) {
        return allocate(ctx.users(), userId, "journalSeq", 1)
                .switchIfEmpty(Mono.error(() -> GannetException.notFound("user " + userId)))
                .flatMap(first -> insert(first, seq -> withEntries(new Document("_id", userKey(userId, seq)).append("user", userId)
                                .append("seq", seq).append("kind", kind).append("mailbox", mailboxId)
                                .append("name", name).append("oldName", oldName).append("at", new Date()), entries),
                        () -> allocate(ctx.users(), userId, "journalSeq", 1), seq -> Mono.empty(), ATTEMPTS))
                .flatMap(seq -> ring(userId, Bell.USER_STREAM, seq));
    }

    private static Document withEntries(Document d, List<String> entries) {
        return entries == null ? d : d.append("entries", entries);
    }

    private Mono<Long> insert(long seq, LongFunction<Document> entry, java.util.function.Supplier<Mono<Long>> realloc,
            LongFunction<Mono<Void>> retag, int attempts) {
        return Mono.from(ctx.journal().insertOne(entry.apply(seq))).thenReturn(seq)
                .onErrorResume(Errors::isDuplicateKey, e -> attempts <= 1
                        ? Mono.error(GannetException.conflict("journal slot " + seq + " taken repeatedly"))
                        : realloc.get()
                                .switchIfEmpty(Mono.error(() -> GannetException.notFound("journal owner gone")))
                                .flatMap(next -> retag.apply(next).then(insert(next, entry, realloc, retag, attempts - 1))));
    }

    private Mono<Long> ring(String userId, String stream, long seq) {
        return ctx.bell().ring(userId, stream, seq).onErrorResume(e -> Mono.empty()).thenReturn(seq);
    }
}
