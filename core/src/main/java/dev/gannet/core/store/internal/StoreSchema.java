package dev.gannet.core.store.internal;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Declares every index at startup, idempotently (same name, same keys). Unique indexes back the exact-key
 * lookups the code relies on; the non-unique ones are for real MongoDB (the embedded server accepts and
 * ignores them, EMBEDDED-STORE §2). {@code messages} is laid out for the shard key {@code {mailbox:1, uid:1}}:
 * every message document carries both, and that pair is its unique index. A store written in an older
 * layout is then brought up to date ({@link LayoutMigration}).
 */
final class StoreSchema {

    private final Ctx ctx;

    StoreSchema(Ctx ctx) {
        this.ctx = ctx;
    }

    Mono<Void> ensure() {
        return Flux.concat(
                        unique(ctx.users(), "username_unique", new Document("usernameLower", 1)),
                        plain(ctx.addresses(), "user", new Document("user", 1)),
                        // AddressStore.hostsDomain (the socketmap's domains map)
                        plain(ctx.addresses(), "domain", new Document("domain", 1)),
                        unique(ctx.mailboxes(), "user_path_unique", new Document("user", 1).append("path", 1)),
                        Mono.from(ctx.mailboxes().createIndex(new Document("useKey", 1),
                                new IndexOptions().name("useKey_unique").unique(true).sparse(true))),
                        unique(ctx.messages(), "mailbox_uid_unique", new Document("mailbox", 1).append("uid", 1)),
                        plain(ctx.messages(), "mailbox_modseq", new Document("mailbox", 1).append("modseq", 1)),
                        plain(ctx.messages(), "user", new Document("user", 1)),
                        // SEARCH EMAILID / THREADID (RFC 8474 §6) narrow on these
                        plain(ctx.messages(), "mailbox_eid", new Document("mailbox", 1).append("eid", 1)),
                        plain(ctx.messages(), "mailbox_thread", new Document("mailbox", 1).append("thread", 1)),
                        unique(ctx.bodies(), "mailbox_uid_unique", new Document("mailbox", 1).append("uid", 1)),
                        plain(ctx.bodies(), "blobs", new Document("blobs", 1)),
                        plain(ctx.ops(), "stage_purgeAfter", new Document("stage", 1).append("purgeAfter", 1)),
                        plain(ctx.users(), "deleting", new Document("deleting", 1)),
                        plain(ctx.journal(), "at", new Document("at", 1)),
                        plain(ctx.journal(), "user", new Document("user", 1)),
                        plain(ctx.threads(), "user", new Document("user", 1)),
                        plain(ctx.files(), "refs_changed", new Document("refs", 1).append("changed", 1)),
                        unique(ctx.chunks(), "files_id_n", new Document("files_id", 1).append("n", 1)),
                        unique(ctx.db().getCollection(Names.ASPS), "lookup_unique", new Document("lookup", 1)),
                        plain(ctx.db().getCollection(Names.ASPS), "user", new Document("user", 1)),
                        plain(ctx.db().getCollection(Names.AUTHLOG), "user", new Document("user", 1)),
                        unique(ctx.db().getCollection(Names.WEBAUTHN), "credentialId_unique", new Document("credentialId", 1)),
                        unique(ctx.db().getCollection(Names.WEBAUTHN), "user_slot_unique", new Document("user", 1).append("slot", 1)),
                        plain(ctx.db().getCollection(Names.WEBAUTHN), "user", new Document("user", 1)),
                        plain(ctx.db().getCollection(Names.SIEVE), "user", new Document("user", 1)),
                        plain(ctx.db().getCollection(Names.OUTBOUND), "user", new Document("user", 1)),
                        Mono.from(ctx.addresses().createIndex(new Document("fid", 1),
                                new IndexOptions().name("fid_unique").unique(true).sparse(true))),
                        // the sender's claim scan (MongoDB; the embedded store scans these small documents)
                        plain(ctx.db().getCollection(Names.OUTBOUND), "next", new Document("next", 1)),
                        unique(ctx.db().getCollection(Names.DKIM), "domain_unique", new Document("domain", 1)),
                        plain(ctx.db().getCollection(Names.METADATA), "user_mailbox", new Document("user", 1).append("mailbox", 1)),
                        // Real MongoDB expires events itself; the embedded store ignores TTL and the tasks role purges.
                        Mono.from(ctx.db().getCollection(Names.AUTHLOG).createIndex(new Document("expires", 1),
                                new IndexOptions().name("expires_ttl").expireAfter(0L, java.util.concurrent.TimeUnit.SECONDS))))
                .then(new LayoutMigration(ctx).run())
                .onErrorMap(Errors::map)
                .then();
    }

    private static Mono<String> unique(MongoCollection<Document> c, String name, Document keys) {
        return Mono.from(c.createIndex(keys, new IndexOptions().name(name).unique(true)));
    }

    private static Mono<String> plain(MongoCollection<Document> c, String name, Document keys) {
        return Mono.from(c.createIndex(keys, new IndexOptions().name(name)));
    }
}
