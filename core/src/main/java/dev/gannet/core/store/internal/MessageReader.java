package dev.gannet.core.store.internal;

import dev.gannet.core.store.Content;
import dev.gannet.core.mime.Preview;
import dev.gannet.core.store.FetchedMessage;
import dev.gannet.core.store.MessageFacts;
import dev.gannet.core.store.ImapStructure;
import dev.gannet.core.store.MessageMeta;
import dev.gannet.core.store.PartSpec;
import dev.gannet.core.store.SortKeys;
import dev.gannet.core.store.Uid;
import dev.gannet.core.store.UidSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Read paths designed for "FETCH 1:* (UID FLAGS)" on 100,000 messages: the UID list of a mailbox is one
 * projection (cacheable by the caller and advanced from the journal), and documents are fetched by
 * {@code _id $in} in batches of {@value #BATCH}, the only multi-document read the embedded server answers
 * from an index (EMBEDDED-STORE §6.7). Bytes are streamed from segments, never assembled in memory.
 */
final class MessageReader {

    static final int BATCH = 200;
    private static final Document CONTENT = new Document("size", 1).append("seg", 1).append("hdr", 1)
            .append("txt", 1).append("sec", 1);
    private static final Document STRUCTURE = new Document("uid", 1).append("env", 1).append("bs", 1).append("body", 1);

    private final Ctx ctx;
    private final SegmentReader segments;

    MessageReader(Ctx ctx, SegmentReader segments) {
        this.ctx = ctx;
        this.segments = segments;
    }

    /** The live messages' UIDs (an expunged message kept for sessions not yet told is left out). */
    Mono<long[]> uids(String mailboxId) {
        return Flux.from(ctx.messages().find(new Document("mailbox", mailboxId))
                        .projection(new Document("uid", 1).append("x", 1)).batchSize(Ctx.SCAN_BATCH))
                .filter(d -> !d.containsKey("x"))
                .map(d -> JournalWriter.longOf(d.get("uid")))
                .collectList()
                .map(list -> list.stream().mapToLong(Long::longValue).sorted().toArray());
    }

    /** Metadata of the live messages of {@code set}. */
    Flux<MessageMeta> list(String mailboxId, UidSet set) {
        return candidates(mailboxId, set).flatMapMany(uids -> listKnown(mailboxId, uids, true));
    }

    /**
     * The UIDs of {@code set} that may exist, ascending, for reading by key (a UID that does not exist is
     * simply not found). The set clipped below the mailbox's UIDNEXT, when that holds at most twice as many
     * UIDs as the mailbox has messages; otherwise the mailbox's UID list intersected with the set. The list
     * is a scan of the whole messages collection on the embedded server (every user's mail), so avoiding it
     * is what keeps STORE, COPY, EXPUNGE and FETCH on one mailbox independent of how much mail the store
     * holds.
     */
    Mono<long[]> candidates(String mailboxId, UidSet set) {
        return Mono.from(ctx.mailboxes().find(Ctx.byId(mailboxId))
                        .projection(new Document("uidNext", 1).append("messages", 1)).first())
                .flatMap(box -> {
                    long top = MailboxDocs.num(box, "uidNext") - 1;
                    long within = countWithin(set, top);
                    return within <= 2 * MailboxDocs.num(box, "messages") + BATCH
                            ? Mono.just(expandWithin(set, top, (int) within)) : Mono.<long[]>empty();
                })
                .switchIfEmpty(Mono.defer(() -> uids(mailboxId).map(set::intersect)));
    }

    private static long countWithin(UidSet set, long top) {
        long n = 0;
        for (UidSet.Range r : set.ranges()) {
            if (r.first() <= top) {
                n += Math.min(r.last(), top) - r.first() + 1;
            }
        }
        return n;
    }

    private static long[] expandWithin(UidSet set, long top, int count) {
        long[] out = new long[count];
        int i = 0;
        for (UidSet.Range r : set.ranges()) {
            for (long u = r.first(); u <= Math.min(r.last(), top); u++) {
                out[i++] = u;
            }
        }
        return out;
    }

    /** Metadata of the given UIDs, expunged messages that are still kept included (a session's view). */
    Flux<MessageMeta> listKnown(String mailboxId, long[] uids) {
        return listKnown(mailboxId, uids, false);
    }

    private Flux<MessageMeta> listKnown(String mailboxId, long[] uids, boolean liveOnly) {
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < uids.length; i += BATCH) {
            List<String> ids = new ArrayList<>();
            for (int k = i; k < Math.min(uids.length, i + BATCH); k++) {
                ids.add(MessageDocs.id(mailboxId, uids[k]));
            }
            batches.add(ids);
        }
        return Flux.fromIterable(batches)
                .concatMap(ids -> Flux.from(ctx.messages().find(Ctx.byIds(ids)).projection(FlagUpdater.PROJECTION))
                        .filter(d -> !liveOnly || !d.containsKey("x"))
                        .map(MessageDocs::meta)
                        .collectSortedList(Comparator.comparing(MessageMeta::uid))
                        .flatMapIterable(l -> l), 1);
    }

    /**
     * FETCH's metadata and, if asked, structures: one projection of the same documents, so a message is read
     * once per FETCH and its structure can never be missing while its metadata is there. With {@code preview}
     * non-null each message also carries its {@link MessageFacts}; without, none are read.
     */
    Flux<FetchedMessage> fetchKnown(String mailboxId, long[] uids, boolean withStructure, MessageFacts.PreviewMode preview) {
        Document projection = new Document(MessageDocs.META_PROJECTION);
        if (preview != null) {
            projection.append("eid", 1).append("saved", 1);
        }
        if (withStructure) {
            projection.putAll(STRUCTURE);
        }
        if (preview != null && preview != MessageFacts.PreviewMode.NONE) {
            projection.append("pv", 1); // where messages stored before it moved to the bytes document keep it
        }
        Flux<Document> found = docs(mailboxId, FlagUpdater.toList(uids), projection);
        if (preview != null && preview != MessageFacts.PreviewMode.NONE) {
            found = found.buffer(BATCH).concatMap(batch -> withPreview(batch, preview == MessageFacts.PreviewMode.COMPUTED), 1);
        }
        return found.map(d -> {
            Optional<MessageFacts> facts = Optional.empty();
            if (preview != null) {
                MessageFacts f = MessageDocs.facts(d);
                facts = Optional.of(preview != MessageFacts.PreviewMode.NONE ? f
                        : new MessageFacts(f.emailId(), f.saveDate(), Optional.empty()));
            }
            return new FetchedMessage(MessageDocs.meta(d), withStructure ? Optional.of(renderedStructure(d)) : Optional.empty(),
                    facts);
        });
    }

    /**
     * Gives each message its preview, kept in its bytes document (so a flag change does not rewrite it), in one
     * read per batch. With {@code compute}, a message stored before Gannet made previews at ingest gets one made
     * from its body text, and one whose bytes are gone an empty one; without, such a message has none.
     */
    private Flux<Document> withPreview(List<Document> batch, boolean compute) {
        List<Document> missing = batch.stream().filter(d -> d.getString("pv") == null).toList();
        if (missing.isEmpty()) {
            return Flux.fromIterable(batch);
        }
        Document projection = compute ? new Document("pv", 1).append("text", 1) : new Document("pv", 1);
        return bodies(missing, projection)
                .collectMap(b -> b.get("_id"))
                .flatMapIterable(bodies -> {
                    for (Document d : missing) {
                        Document b = bodies.get(d.get("_id"));
                        String stored = b == null ? null : b.getString("pv");
                        if (stored != null) {
                            d.put("pv", stored);
                        } else if (compute) {
                            String text = b == null ? null : b.getString("text");
                            d.put("pv", Preview.of(text == null ? "" : text));
                        }
                    }
                    return batch;
                });
    }

    /** A message document always carries its rendered structure (written at ingest); one without it is corrupt. */
    private static ImapStructure renderedStructure(Document d) {
        if (d.getString("env") == null || d.getString("bs") == null || d.getString("body") == null) {
            throw new IllegalStateException("message " + d.get("_id") + " has no rendered structure");
        }
        return structure(d);
    }

    /**
     * SORT and THREAD keys of the given UIDs (kept expunged messages included), one projection by key in batches;
     * documents older than the stored keys are read again, only those, with what deriving the keys needs.
     */
    Flux<SortKeys> sortKeys(String mailboxId, long[] uids) {
        return docs(mailboxId, FlagUpdater.toList(uids), SortKeyDocs.PROJECTION).buffer(BATCH).concatMap(batch -> {
            List<Long> old = batch.stream().filter(d -> !SortKeyDocs.hasKeys(d))
                    .map(d -> JournalWriter.longOf(d.get("uid"))).toList();
            Flux<Document> complete = old.isEmpty() ? Flux.fromIterable(batch)
                    : docs(mailboxId, old, SortKeyDocs.FALLBACK).collectMap(d -> JournalWriter.longOf(d.get("uid")))
                            .flatMapIterable(derived -> batch.stream().map(d -> SortKeyDocs.hasKeys(d) ? d
                                    : derived.get(JournalWriter.longOf(d.get("uid")))).filter(d -> d != null).toList());
            return complete.map(SortKeyDocs::read);
        }, 1);
    }

    /** Documents for the given UIDs, batched by key, with a projection; ascending by UID. */
    Flux<Document> docs(String mailboxId, List<Long> uids, Document projection) {
        List<List<Long>> batches = new ArrayList<>();
        for (int i = 0; i < uids.size(); i += BATCH) {
            batches.add(uids.subList(i, Math.min(uids.size(), i + BATCH)));
        }
        return Flux.fromIterable(batches)
                .concatMap(b -> Flux.from(ctx.messages().find(Ctx.byIds(b.stream()
                                        .map(u -> MessageDocs.id(mailboxId, u)).collect(Collectors.toList())))
                                .projection(projection))
                        .collectSortedList(Comparator.comparingLong(d -> JournalWriter.longOf(d.get("uid"))))
                        .flatMapIterable(l -> l), 1);
    }

    /** {@code bodies} documents of the given messages, batched by key, with a projection; in no order. */
    Flux<Document> bodies(List<Document> messages, Document projection) {
        List<String> ids = messages.stream().map(d -> d.getString("_id")).toList();
        return Flux.fromIterable(ids).buffer(BATCH)
                .concatMap(b -> Flux.from(ctx.bodies().find(Ctx.byIds(b)).projection(projection)), 1);
    }

    private Mono<Document> content(String mailboxId, Uid uid) {
        return Mono.from(ctx.bodies().find(Ctx.byId(MessageDocs.id(mailboxId, uid.value()))).projection(CONTENT).first());
    }

    Mono<Content> raw(String mailboxId, Uid uid) {
        return content(mailboxId, uid).map(d -> slice(d, 0, MailboxDocs.num(d, "size")));
    }

    Mono<Content> range(String mailboxId, Uid uid, long offset, long length) {
        return content(mailboxId, uid).map(d -> {
            long size = MailboxDocs.num(d, "size");
            long from = Math.min(Math.max(0, offset), size);
            long to = Math.min(size, from + Math.max(0, length));
            return slice(d, from, to);
        });
    }

    Mono<Content> part(String mailboxId, Uid uid, PartSpec spec) {
        return content(mailboxId, uid).map(d -> section(d, spec).orElse(Content.empty()));
    }

    Mono<Content> section(String mailboxId, Uid uid, PartSpec spec) {
        return content(mailboxId, uid).flatMap(d -> Mono.justOrEmpty(section(d, spec)));
    }

    private Optional<Content> section(Document d, PartSpec spec) {
        long[] r = Sections.resolve(d, spec);
        return r == null ? Optional.empty() : Optional.of(slice(d, r[0], r[1]));
    }

    private Content slice(Document d, long from, long to) {
        List<Document> segs = d.getList("seg", Document.class);
        return new Content(to - from, segments.read(segs, from, to - from));
    }

    Mono<ImapStructure> structure(String mailboxId, Uid uid) {
        return Mono.from(ctx.messages().find(Ctx.byId(MessageDocs.id(mailboxId, uid.value()))).projection(STRUCTURE).first())
                .map(MessageReader::structure);
    }

    Mono<Map<Uid, ImapStructure>> structures(String mailboxId, long[] uids) {
        return docs(mailboxId, FlagUpdater.toList(uids), STRUCTURE)
                .collectMap(d -> Uid.of(JournalWriter.longOf(d.get("uid"))), MessageReader::structure);
    }

    private static ImapStructure structure(Document d) {
        return new ImapStructure(d.getString("env"), d.getString("bs"), d.getString("body"));
    }
}
