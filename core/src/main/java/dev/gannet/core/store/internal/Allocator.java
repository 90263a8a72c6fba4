package dev.gannet.core.store.internal;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import dev.gannet.core.error.GannetException;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * UID and modseq allocation (RFC 3501 §2.3.1.1, RFC 7162 §3.1): one {@code findOneAndUpdate($inc)} on the
 * mailbox document, returning the document BEFORE the change and computing new values on the client
 * (EMBEDDED-STORE §6.6: AFTER returns duplicates under concurrency there). The same update moves the
 * message, unseen and byte counters, so STATUS never counts. There is no upsert: allocating must not
 * resurrect a deleted mailbox, and a missing document is NOT_FOUND.
 */
final class Allocator {

    /** {@code count} UIDs from {@code firstUid} and one modseq, in a mailbox of {@code uidValidity}. */
    record Slot(String mailboxId, String user, long firstUid, long modseq, long uidValidity) {
    }

    private Allocator() {
    }

    static Mono<Slot> allocate(Ctx ctx, String mailboxId, int count, long unseen, long bytes,
            java.util.Collection<String> keywords) {
        Document inc = new Document("uidNext", (long) count).append("highestModseq", 1L)
                .append("messages", (long) count).append("unseen", unseen).append("bytes", bytes);
        return Mono.from(Ctx.step(ctx.mailboxes()).findOneAndUpdate(Ctx.byId(mailboxId), withKeywords(new Document("$inc", inc), keywords),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)
                                .projection(new Document("uidNext", 1).append("highestModseq", 1)
                                        .append("uidValidity", 1).append("user", 1))))
                .switchIfEmpty(Mono.error(() -> GannetException.notFound("mailbox " + mailboxId)))
                .flatMap(b -> {
                    long first = MailboxDocs.num(b, "uidNext");
                    if (first + count - 1 > dev.gannet.core.store.Uid.MAX) {
                        return Mono.error(GannetException.invalid("mailbox " + mailboxId + " has run out of UIDs"));
                    }
                    return Mono.just(new Slot(mailboxId, b.getString("user"), first,
                            MailboxDocs.num(b, "highestModseq") + 1, MailboxDocs.num(b, "uidValidity")));
                });
    }

    /**
     * Adds {@code keywords} to the mailbox's list of keywords in use (IMAP FLAGS), in the same update that
     * allocates the modseq of the change that brings them.
     */
    static Document withKeywords(Document update, java.util.Collection<String> keywords) {
        if (!keywords.isEmpty()) {
            update.append("$addToSet", new Document("keywords", new Document("$each", new java.util.ArrayList<>(keywords))));
        }
        return update;
    }

    /** Undoes the counter part of an allocation whose message write failed (UIDs stay burnt, as they must). */
    static Mono<Void> uncount(Ctx ctx, String mailboxId, int count, long unseen, long bytes) {
        return Mono.from(ctx.mailboxes().updateOne(Ctx.byId(mailboxId), new Document("$inc",
                new Document("messages", (long) -count).append("unseen", -unseen).append("bytes", -bytes)))).then();
    }
}
