package dev.gannet.core.store.internal;

import dev.gannet.core.mime.LineEndings;
import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Appended;
import dev.gannet.core.store.Content;
import dev.gannet.core.store.CopyResult;
import dev.gannet.core.store.FetchedMessage;
import dev.gannet.core.store.FlagUpdate;
import dev.gannet.core.store.FlagUpdateResult;
import dev.gannet.core.store.ImapStructure;
import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.MessageMeta;
import dev.gannet.core.store.SortKeys;
import dev.gannet.core.store.MessageStore;
import dev.gannet.core.store.PartSpec;
import dev.gannet.core.store.SearchKey;
import dev.gannet.core.store.Uid;
import dev.gannet.core.store.UidSet;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The message store: a façade over the ingest, read, flag, copy, expunge and search parts, each in its own
 * class, with every result passed through the one driver-error mapper.
 */
final class MongoMessageStore implements MessageStore, MailboxContents {

    private final Appender appender;
    private final MessageReader reader;
    private final FlagUpdater flags;
    private final Expunger expunger;
    private final Copier copier;
    private final SearchEvaluator search;
    private final Purger purger;
    private final long maxMessageBytes;

    MongoMessageStore(Ctx ctx, MimeAnalyzer analyzer, Blobs blobs, MongoQuotaStore quota, JournalWriter journal,
            Ops ops, Purger purger) {
        this.appender = new Appender(ctx, analyzer, blobs, quota, journal, purger);
        this.reader = new MessageReader(ctx, new SegmentReader(blobs));
        this.flags = new FlagUpdater(ctx, reader, journal);
        this.expunger = new Expunger(ctx, reader, quota, journal, ops);
        this.copier = new Copier(ctx, reader, blobs, quota, journal, expunger, ops, purger);
        this.search = new SearchEvaluator(ctx, reader);
        this.purger = purger;
        this.maxMessageBytes = ctx.options().maxMessageBytes();
    }

    Expunger expunger() {
        return expunger;
    }

    @Override
    public Mono<Appended> append(AppendRequest request) {
        // the one place every ingest (LMTP, APPEND, API) passes: bare LF becomes CRLF before anything else sees it
        return Errors.guard(LineEndings.withCrlf(request.source(), maxMessageBytes, source -> appender.append(
                source == request.source() ? request : new AppendRequest(request.user(), request.mailbox(), source,
                        request.flags(), request.internalDate(), request.origin()))));
    }

    @Override
    public Mono<long[]> uids(MailboxId mailbox) {
        return Errors.guard(reader.uids(mailbox.value()));
    }

    @Override
    public Flux<MessageMeta> list(MailboxId mailbox, UidSet uids) {
        return Errors.guard(reader.list(mailbox.value(), uids));
    }

    @Override
    public Flux<MessageMeta> listKnown(MailboxId mailbox, long[] uids) {
        return Errors.guard(reader.listKnown(mailbox.value(), uids));
    }

    @Override
    public Flux<SortKeys> sortKeys(MailboxId mailbox, long[] uids) {
        return Errors.guard(reader.sortKeys(mailbox.value(), uids));
    }

    @Override
    public Flux<FetchedMessage> fetchKnown(MailboxId mailbox, long[] uids, boolean withStructure) {
        return Errors.guard(reader.fetchKnown(mailbox.value(), uids, withStructure, null));
    }

    @Override
    public Flux<FetchedMessage> fetchKnown(MailboxId mailbox, long[] uids, boolean withStructure,
            dev.gannet.core.store.MessageFacts.PreviewMode preview) {
        return Errors.guard(reader.fetchKnown(mailbox.value(), uids, withStructure, preview));
    }

    @Override
    public Mono<Content> raw(MailboxId mailbox, Uid uid) {
        return Errors.guard(reader.raw(mailbox.value(), uid)).map(Content2::guarded);
    }

    @Override
    public Mono<Content> range(MailboxId mailbox, Uid uid, long offset, long length) {
        return Errors.guard(reader.range(mailbox.value(), uid, offset, length)).map(Content2::guarded);
    }

    @Override
    public Mono<Content> part(MailboxId mailbox, Uid uid, PartSpec spec) {
        return Errors.guard(reader.part(mailbox.value(), uid, spec)).map(Content2::guarded);
    }

    @Override
    public Mono<Content> section(MailboxId mailbox, Uid uid, PartSpec spec) {
        return Errors.guard(reader.section(mailbox.value(), uid, spec)).map(Content2::guarded);
    }

    @Override
    public Mono<ImapStructure> structure(MailboxId mailbox, Uid uid) {
        return Errors.guard(reader.structure(mailbox.value(), uid));
    }

    @Override
    public Mono<Map<Uid, ImapStructure>> structures(MailboxId mailbox, long[] uids) {
        return Errors.guard(reader.structures(mailbox.value(), uids));
    }

    @Override
    public Mono<FlagUpdateResult> updateFlags(MailboxId mailbox, UidSet uids, FlagUpdate update) {
        return Errors.guard(flags.update(mailbox.value(), uids, update));
    }

    @Override
    public Mono<CopyResult> copy(MailboxId from, UidSet uids, MailboxId to) {
        return Errors.guard(copier.copy(from.value(), uids, to.value()));
    }

    @Override
    public Mono<CopyResult> move(MailboxId from, UidSet uids, MailboxId to) {
        return Errors.guard(copier.move(from.value(), uids, to.value()));
    }

    @Override
    public Mono<List<Uid>> expungeDeleted(MailboxId mailbox, UidSet uids) {
        return Errors.guard(expunger.expunge(mailbox.value(), uids, true));
    }

    @Override
    public Mono<List<Uid>> expunge(MailboxId mailbox, UidSet uids) {
        return Errors.guard(expunger.expunge(mailbox.value(), uids, false));
    }

    @Override
    public Mono<List<Uid>> search(MailboxId mailbox, SearchKey key) {
        return Errors.guard(search.search(mailbox.value(), key, false));
    }

    @Override
    public Mono<List<Uid>> searchView(MailboxId mailbox, SearchKey key) {
        return Errors.guard(search.search(mailbox.value(), key, true));
    }

    @Override
    public Mono<Void> purge(String mailboxId) {
        return purger.purgeMailbox(mailboxId).then();
    }

    @Override
    public Mono<Void> moveAll(String fromMailboxId, String toMailboxId, long maxUid) {
        return copier.moveAll(fromMailboxId, toMailboxId, maxUid);
    }

    /** Streams also fail through the mapper, not only the lookup that built them. */
    private static final class Content2 {
        static Content guarded(Content c) {
            return new Content(c.size(), Errors.guard(c.bytes()));
        }
    }
}
