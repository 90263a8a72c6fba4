package dev.gannet.core.store.internal;

import dev.gannet.core.store.Flag;
import dev.gannet.core.store.FlagUpdate;
import dev.gannet.core.store.FlagUpdateResult;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.MessageMeta;
import dev.gannet.core.store.Uid;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * STORE with UNCHANGEDSINCE (RFC 7162 §3.1.3): the test is part of the write. Each message is updated by a
 * compare-and-set whose filter is the message as read (its modseq, system flags and keywords), so the update
 * applies only if nothing changed it since, and a message whose modseq is above UNCHANGEDSINCE at that moment
 * fails the test. A lost compare-and-set re-reads the message and tries again. Because the write names the
 * whole state it replaces, its effect on the unseen counter is known exactly. Clients use UNCHANGEDSINCE on a
 * few messages at a time, so one round trip per message is paid only here.
 */
final class ConditionalStore {

    private static final int ATTEMPTS = 5;
    private final Ctx ctx;
    private final FlagUpdater updater;

    ConditionalStore(Ctx ctx, FlagUpdater updater) {
        this.ctx = ctx;
        this.updater = updater;
    }

    /** What happened to one message. */
    private record Outcome(Document doc, Flags next, boolean failed, long unseenDelta) {
        static final Outcome NONE = new Outcome(null, null, false, 0);
    }

    Mono<FlagUpdateResult> apply(String mailboxId, List<Document> docs, FlagUpdate upd) {
        long limit = upd.unchangedSince().orElseThrow().value();
        // allocated on the first write only: a STORE that changes nothing takes no modseq
        AtomicBoolean taken = new AtomicBoolean();
        Mono<Document> slot = Mono.defer(() -> {
            taken.set(true);
            return updater.allocate(mailboxId, upd);
        }).cache();
        return Flux.fromIterable(docs)
                .concatMap(d -> attempt(d, upd, limit, slot, ATTEMPTS), 1)
                .collectList()
                .flatMap(outcomes -> {
                    List<Uid> failed = new ArrayList<>();
                    List<Document> changed = new ArrayList<>();
                    List<Flags> flags = new ArrayList<>();
                    long unseen = 0;
                    for (Outcome o : outcomes) {
                        if (o.failed()) {
                            failed.add(MessageDocs.meta(o.doc()).uid());
                        } else if (o.next() != null) {
                            changed.add(o.doc());
                            flags.add(o.next());
                            unseen += o.unseenDelta();
                        }
                    }
                    if (!taken.get()) {
                        return Mono.just(new FlagUpdateResult(List.of(), failed));
                    }
                    return written(mailboxId, upd, slot, changed, flags, unseen, failed);
                });
    }

    /** Journals the change if a modseq was taken (a taken modseq must always get its entry). */
    private Mono<FlagUpdateResult> written(String mailboxId, FlagUpdate upd, Mono<Document> slot, List<Document> changed,
            List<Flags> flags, long unseen, List<Uid> failed) {
        return slot.flatMap(before -> {
            long modseq = MailboxDocs.num(before, "highestModseq") + 1;
            List<String> ids = changed.stream().map(d -> d.getString("_id")).toList();
            return updater.record(mailboxId, before.getString("user"), modseq, unseen, ids, Expunger.uids(changed))
                    .map(finalSeq -> {
                        List<MessageMeta> out = new ArrayList<>();
                        for (int i = 0; i < changed.size(); i++) {
                            out.add(FlagUpdater.withFlags(changed.get(i), flags.get(i), finalSeq));
                        }
                        return new FlagUpdateResult(out, failed);
                    });
        });
    }

    private Mono<Outcome> attempt(Document d, FlagUpdate upd, long limit, Mono<Document> slot, int attempts) {
        MessageMeta m = MessageDocs.meta(d);
        if (m.modseq().value() > limit || attempts == 0) {
            return Mono.just(new Outcome(d, null, true, 0));
        }
        Flags next = FlagUpdater.next(m.flags(), upd);
        if (next.sameAs(m.flags())) {
            // passes the test and changes nothing (RFC 7162 §3.1.3: no new modseq for it)
            return Mono.just(new Outcome(d, null, false, 0));
        }
        return slot.flatMap(before -> {
            long modseq = MailboxDocs.num(before, "highestModseq") + 1;
            Document set = new Document();
            MessageDocs.setFlags(set, next);
            return Mono.from(Ctx.step(ctx.messages()).updateOne(unchanged(d),
                    new Document("$set", set).append("$max", new Document("modseq", modseq))));
        }).flatMap(r -> {
            if (r.getModifiedCount() == 1) {
                long delta = (m.flags().has(Flag.SEEN) ? 1 : 0) - (next.has(Flag.SEEN) ? 1 : 0);
                return Mono.just(new Outcome(d, next, false, delta));
            }
            return Mono.from(ctx.messages().find(Ctx.byId(d.get("_id"))).projection(FlagUpdater.PROJECTION).first())
                    .filter(again -> !again.containsKey("x"))
                    .flatMap(again -> attempt(again, upd, limit, slot, attempts - 1))
                    .defaultIfEmpty(Outcome.NONE);
        });
    }

    /** The message exactly as read: live, same modseq, same system flags, same keywords. */
    private static Document unchanged(Document d) {
        Document filter = new Document("_id", d.get("_id")).append("x", new Document("$exists", false))
                .append("modseq", d.get("modseq"));
        for (String field : List.of("flags", "kw")) {
            Object v = d.get(field);
            filter.append(field, v == null ? new Document("$exists", false) : v);
        }
        return filter;
    }
}
