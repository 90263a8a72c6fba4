package dev.gannet.core.store.internal;

import dev.gannet.core.auth.Passwords;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.NewUser;
import dev.gannet.core.store.SpecialUse;
import dev.gannet.core.store.User;
import dev.gannet.core.store.UserId;
import dev.gannet.core.store.UserStore;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Users in the {@code users} collection. The login name is unique ignoring case through a lower-cased copy
 * with a unique index (the embedded server ignores collations, EMBEDDED-STORE §6.5). The document also
 * carries the user's counters: storage used, the UIDVALIDITY source and the user journal sequence.
 */
final class MongoUserStore implements UserStore {

    /** RFC 6154 default mailboxes created with every user. */
    static final List<Object[]> DEFAULT_MAILBOXES = List.of(
            new Object[] {"INBOX", null}, new Object[] {"Sent", SpecialUse.SENT},
            new Object[] {"Drafts", SpecialUse.DRAFTS}, new Object[] {"Trash", SpecialUse.TRASH},
            new Object[] {"Junk", SpecialUse.JUNK}, new Object[] {"Archive", SpecialUse.ARCHIVE});

    private final Ctx ctx;
    private final MongoMailboxStore mailboxes;
    private final MongoAddressStore addresses;
    private final MongoAppPasswordStore asps;
    private final MongoAuthLogStore authLog;
    private final MongoWebAuthnStore webauthn;
    private final MongoSieveStore sieve;

    MongoUserStore(Ctx ctx, MongoMailboxStore mailboxes, MongoAddressStore addresses, MongoAppPasswordStore asps,
            MongoAuthLogStore authLog, MongoWebAuthnStore webauthn, MongoSieveStore sieve) {
        this.ctx = ctx;
        this.mailboxes = mailboxes;
        this.addresses = addresses;
        this.asps = asps;
        this.authLog = authLog;
        this.webauthn = webauthn;
        this.sieve = sieve;
    }

    static String lower(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    @Override
    public Mono<User> create(NewUser u) {
        Mono<String> hash = u.password() != null
                ? Mono.fromCallable(() -> ctx.options().passwords().hash(u.password())).subscribeOn(Schedulers.boundedElastic())
                : Mono.just(u.importedHash());
        String id = new ObjectId().toHexString();
        Instant now = Instant.now();
        return Errors.guard(hash.flatMap(h -> {
            Document doc = new Document("_id", id).append("username", u.username())
                    .append("usernameLower", lower(u.username())).append("password", h)
                    .append("displayName", u.displayName()).append("quotaLimit", u.quotaLimit())
                    .append("storageUsed", 0L).append("disabled", false).append("created", Date.from(now))
                    .append("nextUidValidity", now.getEpochSecond()).append("journalSeq", 0L);
            return Mono.from(ctx.users().insertOne(doc))
                    .onErrorMap(Errors::isDuplicateKey, e -> GannetException.alreadyExists("user " + u.username()))
                    .then(createDefaults(new UserId(id)))
                    .then(get(new UserId(id)));
        }).flatMap(user -> ctx.plugins().userCreated(user).thenReturn(user)));
    }

    /** Creates missing default mailboxes; safe to repeat after a crash. */
    Mono<Void> createDefaults(UserId user) {
        return Flux.fromIterable(DEFAULT_MAILBOXES)
                .concatMap(d -> mailboxes.createDoc(user, MailboxName.of((String) d[0]),
                                Optional.ofNullable((SpecialUse) d[1]), true)
                        .onErrorResume(e -> e instanceof GannetException.AlreadyExists, e -> Mono.empty()))
                .then();
    }

    static User toUser(Document d) {
        return new User(new UserId(d.getString("_id")), d.getString("username"), d.getString("displayName"),
                MailboxDocs.num(d, "quotaLimit"), MailboxDocs.num(d, "storageUsed"),
                Boolean.TRUE.equals(d.getBoolean("disabled")), d.getDate("created").toInstant(),
                d.getList("enabled2fa", String.class, java.util.List.of()));
    }

    @Override
    public Mono<User> get(UserId id) {
        return Errors.guard(Mono.from(ctx.users().find(Ctx.byId(id.value())).first()).map(MongoUserStore::toUser));
    }

    @Override
    public Mono<User> byUsername(String username) {
        return Errors.guard(Mono.from(ctx.users().find(new Document("usernameLower", lower(username))).first())
                .map(MongoUserStore::toUser));
    }

    @Override
    public Flux<User> list() {
        return Errors.guard(Flux.from(ctx.users().find()).map(MongoUserStore::toUser));
    }

    @Override
    public Flux<User> page(String prefix, String after, int limit) {
        Document filter = new Document("usernameLower", range(prefix, after));
        return Errors.guard(Flux.from(ctx.users().find(filter).sort(new Document("usernameLower", 1)).limit(limit))
                .map(MongoUserStore::toUser));
    }

    @Override
    public Mono<Long> count(String prefix) {
        return Errors.guard(Mono.from(ctx.users().countDocuments(new Document("usernameLower", range(prefix, null)))));
    }

    /** A range over the lower-cased name: at or after the prefix, before its successor, after {@code after}. */
    private static Document range(String prefix, String after) {
        String p = prefix == null ? "" : lower(prefix);
        Document range = new Document("$gte", p);
        if (!p.isEmpty()) {
            range.append("$lt", p + Character.MAX_VALUE);
        }
        if (after != null) {
            range.append("$gt", after);
        }
        return range;
    }

    @Override
    public Mono<User> authenticate(String username, String password) {
        if (username == null || password == null) {
            return Mono.error(new GannetException.AuthFailed());
        }
        return Errors.guard(Mono.from(ctx.users().find(new Document("usernameLower", lower(username))).first()))
                .switchIfEmpty(Mono.error(GannetException.AuthFailed::new))
                .flatMap(d -> Mono.fromCallable(() -> ctx.options().passwords().verify(password, d.getString("password")))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(ok -> {
                            if (!ok || Boolean.TRUE.equals(d.getBoolean("disabled"))) {
                                return Mono.error(new GannetException.AuthFailed());
                            }
                            Mono<Void> rehash = ctx.options().passwords().needsRehash(d.getString("password"))
                                    ? setPassword(new UserId(d.getString("_id")), password).onErrorResume(e -> Mono.empty())
                                    : Mono.empty();
                            return rehash.thenReturn(toUser(d));
                        }));
    }

    @Override
    public Mono<Void> setPasswordHash(UserId id, String hash) {
        return Errors.guard(Mono.fromRunnable(() -> Passwords.checkImportable(hash))
                .then(set(id, new Document("password", hash))));
    }

    @Override
    public Mono<Void> setPassword(UserId id, String password) {
        return Errors.guard(Mono.fromCallable(() -> ctx.options().passwords().hash(password))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(h -> set(id, new Document("password", h))));
    }

    @Override
    public Mono<Void> setDisabled(UserId id, boolean disabled) {
        return Errors.guard(set(id, new Document("disabled", disabled)));
    }

    @Override
    public Mono<Void> setDisplayName(UserId id, String displayName) {
        return Errors.guard(set(id, new Document("displayName", displayName == null ? "" : displayName)));
    }

    @Override
    public Mono<Void> setRecipientLimit(UserId id, int recipients) {
        if (recipients < 0) {
            return Mono.error(GannetException.invalid("recipients must not be negative"));
        }
        return Errors.guard(set(id, new Document("recipients", recipients)));
    }

    @Override
    public Mono<Integer> recipientLimit(UserId id) {
        return Errors.guard(Mono.from(ctx.users().find(Ctx.byId(id.value()))
                .projection(new Document("recipients", 1)).first())
                .map(d -> d.get("recipients") instanceof Number n ? n.intValue() : 0));
    }

    private Mono<Void> set(UserId id, Document fields) {
        return Mono.from(ctx.users().updateOne(Ctx.byId(id.value()), new Document("$set", fields)))
                .flatMap(r -> r.getMatchedCount() == 0 ? Mono.error(GannetException.notFound("user " + id)) : Mono.empty());
    }

    /**
     * Marks the account as being deleted (it is disabled with it: no more logins or deliveries succeed), then
     * removes addresses, mailboxes with their messages, thread index and journal, and finally the user document.
     * A crash part-way leaves the mark, and repair finishes the deletion ({@link #repair}).
     */
    @Override
    public Mono<Void> delete(UserId id) {
        return Errors.guard(get(id)
                .switchIfEmpty(Mono.error(() -> GannetException.notFound("user " + id)))
                .flatMap(user -> Mono.from(ctx.users().updateOne(Ctx.byId(id.value()), new Document("$set",
                                new Document("disabled", true).append("deleting", new Date()))))
                        .then(purge(id))
                        .then(ctx.plugins().userDeleted(id, user.username()))));
    }

    private Mono<Void> purge(UserId id) {
        return addresses.removeAllOf(id)
                .then(mailboxes.list(id).concatMap(mailboxes::deleteMailbox).then())
                .then(Mono.from(ctx.threads().deleteMany(new Document("user", id.value()))))
                .then(Mono.from(ctx.journal().deleteMany(new Document("user", id.value()))))
                .then(asps.deleteAll(id))
                .then(authLog.deleteAll(id))
                .then(webauthn.deleteAll(id))
                .then(sieve.deleteAll(id))
                .then(new MongoMetadataStore(ctx, new JournalWriter(ctx)).deleteAll(id))
                .then(Mono.from(ctx.db().getCollection(Names.FILTERS).deleteOne(Ctx.byId(id.value()))))
                .then(Mono.from(ctx.db().getCollection(Names.AUTOREPLIES).deleteOne(Ctx.byId(id.value()))))
                .then(Mono.from(ctx.users().deleteOne(Ctx.byId(id.value()))))
                .then();
    }

    /** Finishes the deletions of users a crash interrupted (marked longer ago than the repair grace). */
    Mono<Long> repair() {
        Date cutoff = Date.from(Instant.now().minus(ctx.options().repairGrace()));
        return Flux.from(ctx.users().find(new Document("deleting", new Document("$lt", cutoff))).projection(new Document("_id", 1)))
                .concatMap(u -> purge(new UserId(u.getString("_id"))).thenReturn(1L))
                .reduce(0L, Long::sum);
    }
}
