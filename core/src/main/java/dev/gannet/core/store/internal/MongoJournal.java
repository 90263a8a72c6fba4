package dev.gannet.core.store.internal;

import dev.gannet.core.store.Journal;
import dev.gannet.core.store.JournalEntry;
import dev.gannet.core.store.JournalPage;
import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.ModSeq;
import dev.gannet.core.store.Uid;
import dev.gannet.core.store.UserEvent;
import dev.gannet.core.store.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Journal reads (ARCHITECTURE.md "Change notification"). Entries after N up to the owner's highest number
 * are fetched as {@code _id $in} of their deterministic keys. A missing key is a change in flight: the
 * reader polls for it up to the configured wait, then writes a SKIPPED entry in its slot (the writer, on the
 * duplicate key, re-records under a new number), so readers neither skip a change nor wait forever on a
 * crashed writer. {@link #trim} raises each owner's floor before deleting, so a reader behind it resyncs.
 */
final class MongoJournal implements Journal {

    private static final int PAGE = 1000;
    private static final Duration POLL = Duration.ofMillis(10);
    private final Ctx ctx;

    MongoJournal(Ctx ctx) {
        this.ctx = ctx;
    }

    @Override
    public Mono<JournalPage> changesSince(MailboxId mailbox, ModSeq after) {
        String id = mailbox.value();
        return Errors.guard(Mono.from(ctx.mailboxes().find(Ctx.byId(id))
                        .projection(new Document("highestModseq", 1).append("journalFloor", 1)).first())
                .flatMap(box -> {
                    long high = MailboxDocs.num(box, "highestModseq");
                    if (after.value() < MailboxDocs.num(box, "journalFloor")) {
                        return Mono.just(new JournalPage(mailbox, after, ModSeq.of(high), List.of(), true));
                    }
                    long to = Math.min(high, after.value() + PAGE);
                    return dense(after.value(), to, seq -> JournalWriter.mailboxKey(id, seq),
                            seq -> new Document("mailbox", id).append("modseq", seq))
                            .map(docs -> {
                                List<JournalEntry> entries = docs.stream().map(d -> entry(mailbox, d)).toList();
                                long upTo = after.value() + entries.size();
                                return new JournalPage(mailbox, after, ModSeq.of(upTo), entries, false);
                            });
                })
                .defaultIfEmpty(new JournalPage(mailbox, after, after, List.of(), true)));
    }

    @Override
    public Mono<List<UserEvent>> userChangesSince(UserId user, long after) {
        String id = user.value();
        return Errors.guard(Mono.from(ctx.users().find(Ctx.byId(id))
                        .projection(new Document("journalSeq", 1).append("journalFloor", 1)).first())
                .flatMap(u -> {
                    long from = Math.max(after, MailboxDocs.num(u, "journalFloor"));
                    long to = Math.min(MailboxDocs.num(u, "journalSeq"), from + PAGE);
                    return dense(from, to, seq -> JournalWriter.userKey(id, seq),
                            seq -> new Document("user", id).append("seq", seq));
                })
                .map(docs -> docs.stream().map(d -> userEvent(user, d)).toList())
                .defaultIfEmpty(List.of()));
    }

    @Override
    public Mono<Long> userSeq(UserId user) {
        return Errors.guard(Mono.from(ctx.users().find(Ctx.byId(user.value()))
                        .projection(new Document("journalSeq", 1)).first())
                .map(u -> MailboxDocs.num(u, "journalSeq"))
                .defaultIfEmpty(0L));
    }

    /** Entries {@code (after, to]} in order, waiting for gaps and then filling them with SKIPPED. */
    private Mono<List<Document>> dense(long after, long to, LongFunction<String> key, LongFunction<Document> skipped) {
        if (to <= after) {
            return Mono.just(List.of());
        }
        List<String> ids = new ArrayList<>();
        for (long s = after + 1; s <= to; s++) {
            ids.add(key.apply(s));
        }
        long deadline = System.nanoTime() + ctx.options().gapWait().toNanos();
        return fetch(ids, deadline, key, skipped, after);
    }

    private Mono<List<Document>> fetch(List<String> ids, long deadline, LongFunction<String> key,
            LongFunction<Document> skipped, long after) {
        return Flux.from(ctx.journal().find(Ctx.byIds(ids))).collectMap(d -> d.getString("_id")).flatMap(found -> {
            List<String> missing = ids.stream().filter(i -> !found.containsKey(i)).toList();
            if (missing.isEmpty()) {
                return Mono.just(ids.stream().map(found::get).toList());
            }
            if (System.nanoTime() < deadline) {
                return Mono.delay(POLL).then(fetch(ids, deadline, key, skipped, after));
            }
            return Flux.fromIterable(missing)
                    .concatMap(m -> {
                        long seq = after + 1 + ids.indexOf(m);
                        Document tomb = skipped.apply(seq).append("_id", m).append("kind", "SKIPPED")
                                .append("uids", List.of()).append("at", new Date());
                        return Mono.from(ctx.journal().insertOne(tomb)).onErrorResume(Errors::isDuplicateKey, e -> Mono.empty());
                    })
                    .then(Mono.defer(() -> fetch(ids, Long.MIN_VALUE, key, skipped, after)));
        });
    }

    private static JournalEntry entry(MailboxId mailbox, Document d) {
        List<Uid> uids = d.getList("uids", Number.class, List.of()).stream().map(n -> Uid.of(n.longValue())).toList();
        return new JournalEntry(mailbox, ModSeq.of(MailboxDocs.num(d, "modseq")),
                JournalEntry.Kind.valueOf(d.getString("kind")), uids, d.getDate("at").toInstant());
    }

    private static UserEvent userEvent(UserId user, Document d) {
        String name = d.getString("name");
        String old = d.getString("oldName");
        String mailbox = d.getString("mailbox");
        return new UserEvent(user, MailboxDocs.num(d, "seq"), UserEvent.Kind.valueOf(d.getString("kind")),
                mailbox == null ? null : new MailboxId(mailbox), name == null ? null : new MailboxName(name),
                Optional.ofNullable(old).map(MailboxName::new), d.getDate("at").toInstant(),
                d.getList("entries", String.class, List.of()));
    }

    @Override
    public Mono<Long> trim(Duration maxAge) {
        Date cutoff = Date.from(Instant.now().minus(maxAge));
        Map<String, Long> mailboxFloors = new HashMap<>();
        Map<String, Long> userFloors = new HashMap<>();
        List<String> ids = new ArrayList<>();
        return Errors.guard(Flux.from(ctx.journal().find(new Document("at", new Document("$lt", cutoff)))
                        .projection(new Document("mailbox", 1).append("modseq", 1).append("user", 1).append("seq", 1))
                        .batchSize(Ctx.SCAN_BATCH))
                .doOnNext(d -> {
                    ids.add(d.getString("_id"));
                    if (d.containsKey("seq")) {
                        userFloors.merge(d.getString("user"), MailboxDocs.num(d, "seq"), Math::max);
                    } else {
                        mailboxFloors.merge(d.getString("mailbox"), MailboxDocs.num(d, "modseq"), Math::max);
                    }
                })
                .then(Mono.defer(() -> Flux.fromIterable(mailboxFloors.entrySet())
                        .concatMap(e -> Mono.from(ctx.mailboxes().updateOne(Ctx.byId(e.getKey()),
                                new Document("$max", new Document("journalFloor", e.getValue())))))
                        .thenMany(Flux.fromIterable(userFloors.entrySet()))
                        .concatMap(e -> Mono.from(ctx.users().updateOne(Ctx.byId(e.getKey()),
                                new Document("$max", new Document("journalFloor", e.getValue())))))
                        .then()))
                .then(Mono.defer(() -> Flux.fromIterable(ids).buffer(MessageReader.BATCH)
                        .concatMap(b -> Mono.from(ctx.journal().deleteMany(Ctx.byIds(b))))
                        .reduce(0L, (n, r) -> n + r.getDeletedCount()))));
    }
}
