package dev.gannet.core.store.internal;

import com.mongodb.client.model.Sorts;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.MailboxStore;
import dev.gannet.core.store.SpecialUse;
import dev.gannet.core.store.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Mailboxes (RFC 3501 §6.3) in the {@code mailboxes} collection, unique on {@code {user, path}}. UIDVALIDITY
 * comes from a per-user counter that starts at the user's creation time in seconds and only grows, so a
 * re-created name always gets a different, larger value (RFC 3501 §2.3.1.1). RENAME, DELETE and the INBOX rename
 * change several documents, so each runs under the user's tree lock with its intent recorded first
 * ({@link TreeLock}); one a crash interrupts is finished by repair instead of being left half done.
 */
final class MongoMailboxStore implements MailboxStore {

    private final Ctx ctx;
    private final JournalWriter journal;
    private final MailboxContents contents;
    private final TreeLock lock;

    MongoMailboxStore(Ctx ctx, JournalWriter journal, MailboxContents contents, MongoQuotaStore quota) {
        this.ctx = ctx;
        this.journal = journal;
        this.contents = contents;
        this.lock = new TreeLock(ctx, new MailboxTree(ctx, journal, contents, this, quota));
    }

    @Override
    public Mono<Mailbox> create(UserId user, MailboxName name, Optional<SpecialUse> specialUse) {
        return Errors.guard(createDoc(user, name, specialUse, false));
    }

    Mono<Mailbox> createDoc(UserId user, MailboxName name, Optional<SpecialUse> use, boolean subscribed) {
        return JournalWriter.allocate(ctx.users(), user.value(), "nextUidValidity", 1)
                .switchIfEmpty(Mono.error(() -> GannetException.notFound("user " + user)))
                .flatMap(next -> {
                    long uidValidity = (next - 1) & 0xFFFF_FFFFL;
                    Document doc = MailboxDocs.newDoc(new ObjectId().toHexString(), user, name, use, subscribed,
                            uidValidity == 0 ? 1 : uidValidity);
                    return Mono.from(ctx.mailboxes().insertOne(doc)).thenReturn(doc);
                })
                .onErrorMap(Errors::isDuplicateKey, e -> GannetException.alreadyExists("mailbox " + name))
                .flatMap(doc -> journal.userEntry(user.value(), "CREATED", doc.getString("_id"), name.path(), null)
                        .thenReturn(MailboxDocs.toMailbox(doc)));
    }

    @Override
    public Mono<Long> claimRecent(MailboxId mailbox, long uid) {
        // BEFORE, not AFTER: the embedded server's AFTER can include a concurrent caller's update
        return Errors.guard(Mono.from(ctx.mailboxes().findOneAndUpdate(Ctx.byId(mailbox.value()),
                        com.mongodb.client.model.Updates.max("recentUid", uid),
                        new com.mongodb.client.model.FindOneAndUpdateOptions()
                                .returnDocument(com.mongodb.client.model.ReturnDocument.BEFORE)))
                .map(d -> d.get("recentUid") instanceof Number n ? n.longValue() : 0L));
    }

    @Override
    public Mono<Mailbox> get(UserId user, MailboxName name) {
        return Errors.guard(Mono.from(ctx.mailboxes().find(MailboxDocs.key(user, name)).first())
                .map(MailboxDocs::toMailbox));
    }

    @Override
    public Mono<Mailbox> byId(MailboxId id) {
        return Errors.guard(Mono.from(ctx.mailboxes().find(Ctx.byId(id.value())).first()).map(MailboxDocs::toMailbox));
    }

    @Override
    public Flux<Mailbox> list(UserId user) {
        return Errors.guard(Flux.from(ctx.mailboxes().find(new Document("user", user.value())).sort(Sorts.ascending("path")))
                .map(MailboxDocs::toMailbox));
    }

    @Override
    public Mono<Mailbox> rename(UserId user, MailboxName from, MailboxName to) {
        if (from.isInbox()) {
            return Mono.error(GannetException.invalid("INBOX is renamed with renameInbox"));
        }
        if (to.equals(from) || from.isAncestorOf(to)) {
            return Mono.error(GannetException.invalid("cannot rename a mailbox into itself"));
        }
        if (to.isInbox()) {
            return Mono.error(GannetException.alreadyExists("INBOX"));
        }
        Document intent = new Document("kind", "rename").append("from", from.path()).append("to", to.path());
        return Errors.guard(lock.run(user.value(), intent, taken -> list(user).collectList().flatMap(all -> {
            List<Document> moves = new ArrayList<>();
            for (Mailbox m : all) {
                if (m.name().equals(from) || from.isAncestorOf(m.name())) {
                    MailboxName target = m.name().reparent(from, to);
                    if (all.stream().anyMatch(x -> x.name().equals(target))) {
                        return Mono.error(GannetException.alreadyExists("mailbox " + target));
                    }
                    moves.add(new Document("id", m.id().value()).append("from", m.name().path()).append("to", target.path()));
                }
            }
            if (all.stream().noneMatch(m -> m.name().equals(from))) {
                return Mono.error(GannetException.notFound("mailbox " + from));
            }
            return Mono.just(taken.append("moves", moves));
        }), Mono.defer(() -> get(user, to))));
    }

    @Override
    public Mono<Mailbox> renameInbox(UserId user, MailboxName to) {
        Document intent = new Document("kind", "renameInbox").append("to", to.path());
        return Errors.guard(lock.run(user.value(), intent, taken -> get(user, to)
                .<Document>flatMap(taken2 -> Mono.error(GannetException.alreadyExists("mailbox " + to)))
                .switchIfEmpty(Mono.defer(() -> get(user, MailboxName.INBOX)
                        .switchIfEmpty(Mono.error(() -> GannetException.notFound("INBOX")))
                        .map(inbox -> taken.append("inbox", inbox.id().value()).append("maxUid", inbox.uidNext() - 1)))),
                Mono.defer(() -> get(user, to))));
    }

    @Override
    public Mono<Void> delete(UserId user, MailboxName name) {
        if (name.isInbox()) {
            return Mono.error(GannetException.invalid("INBOX cannot be deleted"));
        }
        Document intent = new Document("kind", "delete").append("path", name.path());
        return Errors.guard(lock.run(user.value(), intent, taken -> get(user, name)
                .switchIfEmpty(Mono.error(() -> GannetException.notFound("mailbox " + name)))
                .map(m -> taken.append("mailbox", m.id().value())), Mono.empty()));
    }

    /** Deletes a mailbox of a user who is being deleted: the document first, then its messages, then the journal. */
    Mono<Void> deleteMailbox(Mailbox m) {
        String id = m.id().value();
        return Mono.from(ctx.mailboxes().deleteOne(Ctx.byId(id)))
                .then(contents.purge(id))
                .then();
    }

    /** Finishes the mailbox-tree changes a crash left unfinished; emits how many. */
    Mono<Long> repair() {
        return lock.repair();
    }

    @Override
    public Mono<Void> setSubscribed(UserId user, MailboxName name, boolean subscribed) {
        return Errors.guard(get(user, name)
                .switchIfEmpty(Mono.error(() -> GannetException.notFound("mailbox " + name)))
                .flatMap(m -> Mono.from(ctx.mailboxes().updateOne(Ctx.byId(m.id().value()),
                                new Document("$set", new Document("subscribed", subscribed))))
                        .then(journal.userEntry(user.value(), subscribed ? "SUBSCRIBED" : "UNSUBSCRIBED",
                                m.id().value(), m.name().path(), null)))
                .then());
    }

    @Override
    public Mono<Mailbox> bySpecialUse(UserId user, SpecialUse use) {
        return list(user).filter(m -> m.specialUse().equals(Optional.of(use))).next();
    }
}
