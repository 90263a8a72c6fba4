package dev.gannet.core.store.internal;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.mime.ParsedMessage;
import dev.gannet.core.plugin.IncomingMessage;
import dev.gannet.core.plugin.StoredMessage;
import dev.gannet.core.plugin.StoreDecision;
import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Appended;
import dev.gannet.core.store.Flag;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.ModSeq;
import dev.gannet.core.store.Uid;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Message ingest, ordered so a crash between steps never loses or corrupts mail (ARCHITECTURE.md "Nothing
 * relies on transactions"): parse once; run before-store hooks (prepending their header lines); reserve
 * quota; take blob references; allocate UID and modseq (with the counters); insert the bytes document, then
 * the listed one; journal; ring. A failure after a step undoes the earlier ones; a crash leaves only
 * over-counts (quota, refs) that recount and the blob collector repair, an unreachable bytes document, and a
 * burnt UID, which IMAP allows.
 */
final class Appender {

    private final Ctx ctx;
    private final MimeAnalyzer analyzer;
    private final IngestPlanner planner;
    private final Blobs blobs;
    private final MongoQuotaStore quota;
    private final Threads threads;
    private final JournalWriter journal;
    private final Purger purger;

    Appender(Ctx ctx, MimeAnalyzer analyzer, Blobs blobs, MongoQuotaStore quota, JournalWriter journal, Purger purger) {
        this.ctx = ctx;
        this.analyzer = analyzer;
        this.blobs = blobs;
        this.planner = new IngestPlanner(blobs, ctx.options().inlineBytes(), ctx.options().dedupBytes());
        this.quota = quota;
        this.threads = new Threads(ctx);
        this.journal = journal;
        this.purger = purger;
    }

    Mono<ParsedMessage> parse(MessageSource source) {
        return Mono.fromCallable(() -> {
            try {
                return analyzer.parse(source);
            } catch (Exception | StackOverflowError e) {
                return new FallbackAnalyzer().parse(source);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    Mono<Appended> append(AppendRequest req) {
        if (req.source().size() > ctx.options().maxMessageBytes()) {
            return Mono.error(new GannetException.TooBig("message of " + req.source().size() + " bytes"));
        }
        String user = req.user().value();
        return Errors.guard(mailbox(req.mailbox().value(), user).flatMap(box -> parse(req.source()).flatMap(parsed ->
                ctx.plugins().beforeStore(new IncomingMessage(req.user(), new MailboxName(box.getString("path")),
                                req.origin(), req.source().size(), headers(parsed), req.source()))
                        .flatMap(decision -> target(decision, box, user).flatMap(target -> {
                            if (decision.addHeaders().isEmpty()) {
                                return store(req, target, req.source(), parsed);
                            }
                            return Mono.usingWhen(prepend(decision.addHeaders(), req.source()),
                                    src -> parse(src).flatMap(p -> store(req, target, src, p)),
                                    Appender::cleanup);
                        })))));
    }

    private Mono<Document> mailbox(String id, String user) {
        return Mono.from(ctx.mailboxes().find(Ctx.byId(id)).first())
                .filter(d -> user.equals(d.getString("user")))
                .switchIfEmpty(Mono.error(() -> GannetException.notFound("mailbox " + id)));
    }

    private Mono<Document> target(StoreDecision.Accept decision, Document box, String user) {
        if (decision.mailbox().isEmpty() || decision.mailbox().get().path().equals(box.getString("path"))) {
            return Mono.just(box);
        }
        return Mono.from(ctx.mailboxes().find(MailboxDocs.key(new dev.gannet.core.store.UserId(user),
                        decision.mailbox().get())).first())
                .switchIfEmpty(Mono.error(() -> GannetException.notFound("plugin target " + decision.mailbox().get())));
    }

    private static List<IncomingMessage.HeaderField> headers(ParsedMessage p) {
        return p.search().headers().stream().map(h -> new IncomingMessage.HeaderField(h.name(), h.value())).toList();
    }

    private Mono<Appended> store(AppendRequest req, Document box, MessageSource source, ParsedMessage parsed) {
        String user = req.user().value();
        String mailboxId = box.getString("_id");
        long size = source.size();
        long unseen = req.flags().has(Flag.SEEN) ? 0 : 1;
        return quota.reserve(user, size)
                .then(threads.resolve(user, parsed.thread())
                        .onErrorResume(e -> quota.release(user, size).then(Mono.error(e))))
                .flatMap(thread -> planner.plan(parsed, source)
                        .onErrorResume(e -> quota.release(user, size).then(Mono.error(e)))
                        .flatMap(plan -> {
                            MessageDocs.Parts content = MessageDocs.content(parsed, plan, thread, req.internalDate());
                            Mono<Void> undoRefs = blobs.release(plan.blobs()).then(quota.release(user, size));
                            // the thread index is written beside the message, not after it: both are steps
                            // that the journal entry, written last and durable, waits for
                            return Allocator.allocate(ctx, mailboxId, 1, unseen, size, req.flags().keywords())
                                    .onErrorResume(e -> undoRefs.then(Mono.error(e)))
                                    .flatMap(slot -> Mono.when(insert(slot, content, req, unseen, size)
                                                    .onErrorResume(e -> Allocator.uncount(ctx, mailboxId, 1, unseen, size)
                                                            .then(undoRefs).then(Mono.error(e))),
                                                    threads.register(user, parsed.thread(), thread)
                                                            .onErrorResume(e -> Mono.empty()))
                                            // a DELETE of the mailbox meanwhile may have missed this message
                                            .then(purger.sweepIfGone(mailboxId, List.of(MessageDocs.id(mailboxId, slot.firstUid()))))
                                            .then(record(slot, size, thread, user)));
                        }))
                .flatMap(a -> ctx.plugins().afterStore(new StoredMessage(req.user(),
                        new MailboxName(box.getString("path")), req.origin(), a)).thenReturn(a));
    }

    /** The bytes first, so a message that can be listed can always be read. */
    private Mono<Allocator.Slot> insert(Allocator.Slot slot, MessageDocs.Parts content, AppendRequest req, long unseen,
            long size) {
        Document body = MessageDocs.body(content.body(), slot.mailboxId(), slot.firstUid());
        Document doc = MessageDocs.withIdentity(content.meta(), slot.user(), slot.mailboxId(), slot.firstUid(),
                slot.modseq(), req.flags());
        return Mono.from(Ctx.step(ctx.bodies()).insertOne(body))
                .then(Mono.from(Ctx.step(ctx.messages()).insertOne(doc))
                        .onErrorResume(e -> Mono.from(ctx.bodies().deleteOne(Ctx.byId(body.get("_id"))))
                                .onErrorResume(x -> Mono.empty()).then(Mono.error(e))))
                .thenReturn(slot);
    }

    private Mono<Appended> record(Allocator.Slot slot, long size, String thread, String user) {
        String id = MessageDocs.id(slot.mailboxId(), slot.firstUid());
        return journal.mailboxEntry(user, slot.mailboxId(), slot.modseq(), "APPENDED", List.of(slot.firstUid()),
                        next -> Mono.from(ctx.messages().updateOne(Ctx.byId(id),
                                new Document("$max", new Document("modseq", next)))).then())
                .map(modseq -> new Appended(new dev.gannet.core.store.MailboxId(slot.mailboxId()), slot.uidValidity(),
                        Uid.of(slot.firstUid()), ModSeq.of(modseq), size, thread));
    }

    /** A new source: the plugins' header lines (CRLF-terminated), then the original bytes untouched. */
    private static Mono<MessageSource> prepend(List<String> lines, MessageSource original) {
        return Mono.fromCallable(() -> {
            StringBuilder sb = new StringBuilder();
            for (String l : lines) {
                sb.append(l).append("\r\n");
            }
            byte[] prefix = sb.toString().getBytes(StandardCharsets.UTF_8);
            if (original instanceof MessageSource.Bytes b) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(prefix.length + b.bytes().length);
                out.write(prefix);
                out.write(b.bytes());
                return MessageSource.of(out.toByteArray());
            }
            Path tmp = Files.createTempFile("gannet-ingest", ".eml");
            try (OutputStream out = Files.newOutputStream(tmp); InputStream in = original.open()) {
                out.write(prefix);
                in.transferTo(out);
            }
            return (MessageSource) MessageSource.of(tmp);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static Mono<Void> cleanup(MessageSource source) {
        if (source instanceof MessageSource.SpoolFile f) {
            return Mono.fromCallable(() -> Files.deleteIfExists(f.path())).subscribeOn(Schedulers.boundedElastic())
                    .onErrorResume(IOException.class, e -> Mono.just(false)).then();
        }
        return Mono.empty();
    }
}
