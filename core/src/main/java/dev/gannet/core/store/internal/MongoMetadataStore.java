package dev.gannet.core.store.internal;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.MetadataEntry;
import dev.gannet.core.store.MetadataStore;
import dev.gannet.core.store.UserId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * METADATA entries (RFC 5464) in the {@code metadata} collection, one document per entry with
 * {@code _id = user ":" mailboxId ":" entry} (mailboxId empty for server entries), so a single entry is an
 * {@code _id} lookup and a subtree a prefix match on {@code _id} (served by the {@code _id} index on MongoDB; the
 * embedded server scans this small collection). The per-user entry count lives in {@code _id = user "#count"},
 * moved only by {@code $inc}: a set first takes the slots of all its new entries with one conditional increment
 * (matched only while the count stays within the limit), then inserts; an insert that finds the entry created
 * meanwhile, and a delete that removed a document, give a slot back. A crash between the steps leaves the count
 * high, never low, so the limit always holds.
 */
final class MongoMetadataStore implements MetadataStore {

    private final MongoCollection<Document> docs;
    private final JournalWriter journal;

    MongoMetadataStore(Ctx ctx, JournalWriter journal) {
        this.docs = ctx.db().getCollection(Names.METADATA);
        this.journal = journal;
    }

    private static String prefix(UserId user, Optional<MailboxId> mailbox) {
        return user.value() + ":" + mailbox.map(MailboxId::value).orElse("") + ":";
    }

    private static String countId(UserId user) {
        return user.value() + "#count";
    }

    @Override
    public Flux<MetadataEntry> get(UserId user, Optional<MailboxId> mailbox, String entry, int depth) {
        String id = prefix(user, mailbox) + entry;
        Flux<MetadataEntry> self = Mono.from(docs.find(Ctx.byId(id)).first()).flux().map(MongoMetadataStore::toEntry);
        if (depth == 0) {
            return Errors.guard(self);
        }
        int base = entry.split("/").length;
        Flux<MetadataEntry> below = Flux.from(docs.find(new Document("_id",
                        new Document("$regex", "^" + escape(id + "/")))).sort(new Document("_id", 1)))
                .map(MongoMetadataStore::toEntry)
                .filter(e -> depth < 0 || e.name().split("/").length - base <= depth);
        return Errors.guard(self.concatWith(below));
    }

    @Override
    public Mono<SetResult> set(UserId user, Optional<MailboxId> mailbox, Map<String, byte[]> entries, int maxEntries) {
        String prefix = prefix(user, mailbox);
        List<Map.Entry<String, byte[]>> list = new ArrayList<>(entries.entrySet());
        return Errors.guard(Flux.fromIterable(list)
                .concatMap(e -> Mono.from(docs.find(Ctx.byId(prefix + e.getKey())).first()).hasElement())
                .collectList()
                .flatMap(existed -> {
                    long added = 0;
                    long removed = 0;
                    for (int i = 0; i < list.size(); i++) {
                        added += !existed.get(i) && list.get(i).getValue() != null ? 1 : 0;
                        removed += existed.get(i) && list.get(i).getValue() == null ? 1 : 0;
                    }
                    Mono<Boolean> reserved = added == 0 ? Mono.just(true) : reserve(user, added, maxEntries + removed);
                    return reserved.flatMap(ok -> !ok ? Mono.just(SetResult.TOO_MANY) : writeAll(user, mailbox, list, existed, maxEntries));
                }));
    }

    /**
     * The entries in order, until one finds no slot; then the user's journal names those whose own write changed
     * them (a delete that removed no document changes nothing), which NOTIFY reports (RFC 5465 §5.7, §5.8).
     */
    private Mono<SetResult> writeAll(UserId user, Optional<MailboxId> mailbox, List<Map.Entry<String, byte[]>> list,
            List<Boolean> existed, int maxEntries) {
        List<String> changed = new ArrayList<>();
        return Flux.range(0, list.size())
                .concatMap(i -> write(user, mailbox, list.get(i).getKey(), list.get(i).getValue(), existed.get(i), maxEntries,
                        changed))
                .takeUntil(r -> r == SetResult.TOO_MANY)
                .last(SetResult.SET)
                .flatMap(r -> changed.isEmpty() ? Mono.just(r)
                        : journal.metadataEntry(user.value(), mailbox.map(MailboxId::value).orElse(null), changed).thenReturn(r));
    }

    /**
     * Takes {@code n} slots at once, only while the count stays at most {@code limit}: one conditional
     * {@code $inc}, so of several sets racing at the limit each takes all its slots or none.
     */
    private Mono<Boolean> reserve(UserId user, long n, long limit) {
        Document id = Ctx.byId(countId(user));
        return Mono.from(docs.updateOne(id, new Document("$setOnInsert", new Document("n", 0L).append("user", user.value())),
                        new UpdateOptions().upsert(true)))
                .then(Mono.from(docs.updateOne(new Document("_id", countId(user)).append("n", new Document("$lte", limit - n)),
                        new Document("$inc", new Document("n", n)))))
                .map(r -> r.getMatchedCount() == 1);
    }

    /** One entry's write; a new entry ({@code existed} false) already holds its slot. */
    private Mono<SetResult> write(UserId user, Optional<MailboxId> mailbox, String entry, byte[] value, boolean existed,
            int maxEntries, List<String> changed) {
        String id = prefix(user, mailbox) + entry;
        if (value == null) {
            return Mono.from(docs.deleteOne(Ctx.byId(id)))
                    .flatMap(r -> {
                        if (r.getDeletedCount() != 1) {
                            return Mono.empty();
                        }
                        changed.add(entry);
                        return slot(user, -1).then();
                    })
                    .thenReturn(SetResult.SET);
        }
        return upsert(user, mailbox, entry, value, existed, maxEntries)
                .doOnNext(r -> {
                    if (r == SetResult.SET) {
                        changed.add(entry);
                    }
                });
    }

    /** A set of one entry's value; SET once an insert or an update of that entry succeeded. */
    private Mono<SetResult> upsert(UserId user, Optional<MailboxId> mailbox, String entry, byte[] value, boolean existed,
            int maxEntries) {
        String id = prefix(user, mailbox) + entry;
        Document fields = new Document("value", new Binary(value)).append("updated", new Date());
        Document doc = new Document("_id", id).append("user", user.value())
                .append("mailbox", mailbox.map(MailboxId::value).orElse("")).append("entry", entry);
        doc.putAll(fields);
        Mono<SetResult> insert = Mono.from(docs.insertOne(doc)).thenReturn(SetResult.SET)
                // a concurrent set created it: give the slot back and overwrite theirs
                .onErrorResume(Errors::isDuplicateKey, e -> slot(user, -1)
                        .then(Mono.from(docs.updateOne(Ctx.byId(id), new Document("$set", fields))))
                        .thenReturn(SetResult.SET));
        if (!existed) {
            return insert;
        }
        // removed by someone else since it was read: it needs a slot after all
        return Mono.from(docs.updateOne(Ctx.byId(id), new Document("$set", fields)))
                .flatMap(r -> r.getMatchedCount() == 1 ? Mono.just(SetResult.SET)
                        : reserve(user, 1, maxEntries).flatMap(ok -> ok ? insert : Mono.just(SetResult.TOO_MANY)));
    }

    /** Moves the user's count by {@code delta}; emits the count before. */
    private Mono<Long> slot(UserId user, long delta) {
        return Mono.from(docs.findOneAndUpdate(Ctx.byId(countId(user)),
                        new Document("$inc", new Document("n", delta)).append("$setOnInsert", new Document("user", user.value())),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE)))
                .map(d -> MailboxDocs.num(d, "n"))
                .defaultIfEmpty(0L);
    }

    @Override
    public Mono<Long> deleteMailbox(UserId user, MailboxId mailbox) {
        return Errors.guard(Mono.from(docs.deleteMany(new Document("user", user.value()).append("mailbox", mailbox.value())))
                .flatMap(r -> r.getDeletedCount() == 0 ? Mono.just(0L)
                        : slot(user, -r.getDeletedCount()).thenReturn(r.getDeletedCount())));
    }

    @Override
    public Mono<Long> count(UserId user) {
        return Errors.guard(Mono.from(docs.find(Ctx.byId(countId(user))).first())
                .map(d -> MailboxDocs.num(d, "n")).defaultIfEmpty(0L));
    }

    /** Removes everything of a user being deleted. */
    Mono<Void> deleteAll(UserId user) {
        return Mono.from(docs.deleteMany(new Document("user", user.value()))).then();
    }

    private static MetadataEntry toEntry(Document d) {
        Object v = d.get("value");
        return new MetadataEntry(d.getString("entry"), v instanceof Binary b ? b.getData() : new byte[0]);
    }

    /** {@code s} as a regular expression matching itself (a plain prefix, which MongoDB serves from the index). */
    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
