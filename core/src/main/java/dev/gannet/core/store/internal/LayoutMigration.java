package dev.gannet.core.store.internal;

import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import java.util.List;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Brings a store written in an older layout up to date, once. Layout 2 split messages in two (see
 * {@link MessageDocs}): each message document that still holds its bytes gets its {@code bodies} document,
 * then loses those fields. Layout 3 gives each mailbox with a special use (RFC 6154) that predates the
 * sparse unique {@code useKey} its key, so CREATE-SPECIAL-USE (RFC 6154 §3) cannot create a second mailbox
 * with that use; should a user already have two, the first keeps the key and the other keeps its use without
 * one. Layout 4 gives each address document its {@code domain} field, which {@code AddressStore.hostsDomain}
 * finds through an index. Every step is idempotent, so a start interrupted midway is finished by the next one; the layout
 * reached is recorded in {@code schema}, and later starts read that one document and nothing else.
 */
final class LayoutMigration {

    static final long VERSION = 4;
    private static final Document KEY = Ctx.byId("layout");

    private final Ctx ctx;

    LayoutMigration(Ctx ctx) {
        this.ctx = ctx;
    }

    Mono<Void> run() {
        return Mono.from(ctx.db().getCollection(Names.SCHEMA).find(KEY).first())
                .map(d -> MailboxDocs.num(d, "version"))
                .defaultIfEmpty(1L)
                .flatMap(v -> v >= VERSION ? Mono.empty() : (v < 2 ? split() : Mono.<Void>empty()).then(useKeys()).then(domains()).then(record()));
    }

    private Mono<Void> split() {
        return Flux.from(ctx.messages().find(new Document("seg", new Document("$exists", true))).batchSize(Ctx.SCAN_BATCH))
                .buffer(MessageReader.BATCH)
                .concatMap(this::split, 1)
                .then();
    }

    private Mono<Void> split(List<Document> messages) {
        List<ReplaceOneModel<Document>> bodies = messages.stream().map(m -> {
            Document content = new Document("size", m.get("size"));
            MessageDocs.BODY_FIELDS.stream().filter(m::containsKey).forEach(f -> content.append(f, m.get(f)));
            Document body = MessageDocs.body(content, m.getString("mailbox"), JournalWriter.longOf(m.get("uid")));
            return new ReplaceOneModel<>(Ctx.byId(body.get("_id")), body, new ReplaceOptions().upsert(true));
        }).toList();
        Document unset = new Document();
        MessageDocs.BODY_FIELDS.forEach(f -> unset.append(f, ""));
        return Mono.from(ctx.bodies().bulkWrite(bodies))
                .then(Mono.from(ctx.messages().updateMany(Ctx.byIds(messages.stream().map(m -> m.get("_id")).toList()),
                        new Document("$unset", unset))))
                .then();
    }

    private Mono<Void> useKeys() {
        Document keyless = new Document("specialUse", new Document("$ne", null))
                .append("useKey", new Document("$exists", false));
        return Flux.from(ctx.mailboxes().find(keyless).sort(new Document("_id", 1)).batchSize(Ctx.SCAN_BATCH))
                .concatMap(m -> Mono.from(ctx.mailboxes().updateOne(
                                Ctx.byId(m.get("_id")).append("useKey", new Document("$exists", false)),
                                new Document("$set", new Document("useKey", MailboxDocs.useKey(m.getString("user"),
                                        m.getString("specialUse"))))))
                        .onErrorResume(Errors::isDuplicateKey, e -> Mono.empty()), 1)
                .then();
    }

    private Mono<Void> domains() {
        return Flux.from(ctx.addresses().find(new Document("domain", new Document("$exists", false)))
                        .batchSize(Ctx.SCAN_BATCH))
                .filter(a -> a.getString("address") != null)
                .concatMap(a -> Mono.from(ctx.addresses().updateOne(Ctx.byId(a.get("_id")), new Document("$set",
                        new Document("domain", dev.gannet.core.store.EmailAddress.parse(a.getString("address")).domain())))), 1)
                .then();
    }

    private Mono<Void> record() {
        return Mono.from(ctx.db().getCollection(Names.SCHEMA).updateOne(KEY,
                new Document("$set", new Document("version", VERSION)), new UpdateOptions().upsert(true))).then();
    }
}
