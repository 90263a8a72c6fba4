package dev.gannet.core.store.internal;

import dev.gannet.core.mime.LineEndings;
import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Appended;
import dev.gannet.core.store.Content;
import dev.gannet.core.store.CopyResult;
import dev.gannet.core.store.FlagUpdate;
import dev.gannet.core.store.FlagUpdateResult;
import dev.gannet.core.store.ImapStructure;
import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.MessageMeta;
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
    private final long maxMessageBytes;

    MongoMessageStore(Ctx ctx, MimeAnalyzer analyzer, Blobs blobs, MongoQuotaStore quota, JournalWriter journal) {
        this.appender = new Appender(ctx, analyzer, blobs, quota, journal);
        this.reader = new MessageReader(ctx, new SegmentReader(blobs));
        this.flags = new FlagUpdater(ctx, reader, journal);
        this.expunger = new Expunger(ctx, reader, blobs, quota, journal);
        this.copier = new Copier(ctx, reader, blobs, quota, journal, expunger);
        this.search = new SearchEvaluator(ctx, reader);
        this.maxMessageBytes = ctx.options().maxMessageBytes();
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
        return Errors.guard(search.search(mailbox.value(), key));
    }

    @Override
    public Mono<List<Uid>> searchView(MailboxId mailbox, SearchKey key) {
        return Errors.guard(search.search(mailbox.value(), key));
    }

    @Override
    public Mono<Void> purge(String userId, String mailboxId) {
        return expunger.purge(userId, mailboxId);
    }

    @Override
    public Mono<Void> moveAll(String fromMailboxId, String toMailboxId) {
        return copier.move(fromMailboxId, UidSet.ALL, toMailboxId).then();
    }

    /** Streams also fail through the mapper, not only the lookup that built them. */
    private static final class Content2 {
        static Content guarded(Content c) {
            return new Content(c.size(), Errors.guard(c.bytes()));
        }
    }
}
