package dev.gannet.core.store.internal;

import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.UserId;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Carries out a recorded change of a mailbox tree ({@link TreeLock}); every step may be repeated, so the same
 * code serves the operation itself and the repair of one a crash interrupted. Kinds:
 *
 * <ul>
 *   <li>{@code rename}: {@code moves} lists each mailbox's id with its old and new path; a mailbox still at its
 *       old path is moved by a conditional update and journalled (RFC 3501 §6.3.5: inferiors move along);</li>
 *   <li>{@code delete}: the mailbox document {@code mailbox} goes first, so nothing new arrives, then every
 *       message in it (RFC 3501 §6.3.4), and its METADATA entries (RFC 5464);</li>
 *   <li>{@code renameInbox}: INBOX's messages up to {@code maxUid} move to the mailbox named {@code to}, created
 *       if it is not there (RFC 3501 §6.3.5's special case).</li>
 * </ul>
 */
final class MailboxTree {

    private static final Logger log = LoggerFactory.getLogger(MailboxTree.class);
    private final Ctx ctx;
    private final JournalWriter journal;
    private final MailboxContents contents;
    private final MongoMailboxStore mailboxes;
    private final MongoQuotaStore quota;

    MailboxTree(Ctx ctx, JournalWriter journal, MailboxContents contents, MongoMailboxStore mailboxes,
            MongoQuotaStore quota) {
        this.ctx = ctx;
        this.journal = journal;
        this.contents = contents;
        this.mailboxes = mailboxes;
        this.quota = quota;
    }

    /**
     * Finishes an intent a crash (or a failure) left. A purge or move cut short may have removed a message
     * without giving its bytes back to the quota, or moved counters halfway, so the owner is recounted after.
     */
    Mono<Void> repair(String user, Document intent) {
        Mono<Void> finished = apply(user, intent);
        return "rename".equals(intent.getString("kind")) ? finished
                : finished.then(quota.recount(new UserId(user))).then();
    }

    Mono<Void> apply(String user, Document intent) {
        return switch (intent.getString("kind")) {
            case "rename" -> Flux.fromIterable(intent.getList("moves", Document.class, List.of()))
                    .concatMap(m -> renameOne(user, m))
                    .then();
            case "delete" -> delete(user, intent.getString("mailbox"), intent.getString("path"));
            case "renameInbox" -> renameInbox(user, intent.getString("inbox"), intent.getString("to"),
                    MailboxDocs.num(intent, "maxUid"));
            default -> {
                log.error("unknown mailbox tree change {} of user {} dropped", intent.getString("kind"), user);
                yield Mono.empty();
            }
        };
    }

    private Mono<Void> renameOne(String user, Document move) {
        String id = move.getString("id");
        String from = move.getString("from");
        String to = move.getString("to");
        return Mono.from(Ctx.step(ctx.mailboxes()).updateOne(new Document("_id", id).append("path", from),
                        new Document("$set", new Document("path", to))))
                .flatMap(r -> r.getModifiedCount() == 0 ? Mono.empty()
                        : journal.userEntry(user, "RENAMED", id, to, from).then())
                .onErrorResume(Errors::isDuplicateKey, e -> {
                    // a mailbox was created at the new name meanwhile: this one keeps its old name
                    log.warn("mailbox {} of user {} stays at {}: {} was created meanwhile", id, user, from, to);
                    return Mono.empty();
                });
    }

    private Mono<Void> delete(String user, String id, String path) {
        return Mono.from(Ctx.step(ctx.mailboxes()).deleteOne(Ctx.byId(id)))
                .then(journal.userEntry(user, "DELETED", id, path, null))
                // RFC 5464 §3.2: the mailbox's METADATA goes with it
                .then(new MongoMetadataStore(ctx, journal).deleteMailbox(new UserId(user), new dev.gannet.core.store.MailboxId(id)))
                .then(contents.purge(id));
    }

    private Mono<Void> renameInbox(String user, String inbox, String to, long maxUid) {
        UserId owner = new UserId(user);
        MailboxName name = new MailboxName(to);
        return mailboxes.get(owner, name)
                .switchIfEmpty(Mono.defer(() -> mailboxes.createDoc(owner, name, Optional.empty(), false)))
                .flatMap(target -> contents.moveAll(inbox, target.id().value(), maxUid));
    }
}
