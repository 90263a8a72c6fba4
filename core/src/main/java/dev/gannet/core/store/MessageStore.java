package dev.gannet.core.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Messages in mailboxes. Every change allocates a modseq, writes one journal entry and rings the change
 * bell. Reads never load a large message whole: bytes are streamed from stored segments, and FETCH-style
 * listings go through the mailbox's UID list in batches.
 */
public interface MessageStore {

    /**
     * Parses, runs the before-store hooks, checks quota, stores. Errors: OVER_QUOTA, TOO_BIG, REJECTED,
     * NOT_FOUND (mailbox), UNAVAILABLE (storage or plugin failure: the caller answers a temporary error).
     */
    Mono<Appended> append(AppendRequest request);

    /** The UIDs present in a mailbox, ascending; cacheable per mailbox and advanced from the journal. */
    Mono<long[]> uids(MailboxId mailbox);

    /** Metadata of the messages in {@code uids}, ascending by UID (absent UIDs are skipped). */
    Flux<MessageMeta> list(MailboxId mailbox, UidSet uids);

    /** Metadata of the given existing UIDs (e.g. from a cached UID list), fetched by key in batches. */
    Flux<MessageMeta> listKnown(MailboxId mailbox, long[] uids);

    /**
     * Metadata of the given UIDs with, if {@code withStructure}, their structures, each message from one read of
     * its document, fetched by key in batches; ascending by UID, absent UIDs are skipped. The caller learns
     * which messages are gone from the UIDs missing in the result. No {@link MessageFacts} are read.
     */
    Flux<FetchedMessage> fetchKnown(MailboxId mailbox, long[] uids, boolean withStructure);

    /**
     * As {@link #fetchKnown(MailboxId, long[], boolean)}, each message with its {@link MessageFacts} (EMAILID,
     * SAVEDATE and, as {@code preview} says, PREVIEW: a message stored without one has it computed from its text).
     */
    Flux<FetchedMessage> fetchKnown(MailboxId mailbox, long[] uids, boolean withStructure,
            MessageFacts.PreviewMode preview);

    /**
     * SORT and THREAD keys (RFC 5256, RFC 5957) of the given UIDs, expunged messages still kept for sessions
     * included, read by key in batches without the message bytes; ascending by UID, absent UIDs skipped.
     */
    Flux<SortKeys> sortKeys(MailboxId mailbox, long[] uids);

    /**
     * {@code uids} (ascending) in {@code order} of their {@link #sortKeys}: a stable sort, so ties stay in
     * mailbox order; absent UIDs are left out.
     */
    default Mono<long[]> sorted(MailboxId mailbox, long[] uids, Comparator<SortKeys> order) {
        if (uids.length == 0) {
            return Mono.just(uids);
        }
        return sortKeys(mailbox, uids).collectList().map(keys -> {
            List<SortKeys> all = new ArrayList<>(keys);
            all.sort(order);
            return all.stream().mapToLong(SortKeys::uid).toArray();
        });
    }

    /** The whole message as stored: exactly the ingested bytes. Empty if the message does not exist. */
    Mono<Content> raw(MailboxId mailbox, Uid uid);

    /** {@code length} bytes from {@code offset} of the raw message (clipped to its end), for BODY[]<o.n>. */
    Mono<Content> range(MailboxId mailbox, Uid uid, long offset, long length);

    /** A MIME part as RFC 3501 §6.4.5 defines it; a part that does not exist is empty content. */
    Mono<Content> part(MailboxId mailbox, Uid uid, PartSpec spec);

    /**
     * Like {@link #part}, but empty if the message does not have that section, for a reference that must name
     * one that exists (a CATENATE URL, RFC 4469 §5).
     */
    Mono<Content> section(MailboxId mailbox, Uid uid, PartSpec spec);

    Mono<ImapStructure> structure(MailboxId mailbox, Uid uid);

    /** The structures of the given existing UIDs, read by key in batches (absent UIDs are left out). */
    Mono<Map<Uid, ImapStructure>> structures(MailboxId mailbox, long[] uids);

    /** Applies a STORE to the messages of {@code uids}; one modseq is shared by all changed messages. */
    Mono<FlagUpdateResult> updateFlags(MailboxId mailbox, UidSet uids, FlagUpdate update);

    /** COPY (RFC 3501 §6.4.7): quota is checked for the whole batch first. */
    Mono<CopyResult> copy(MailboxId from, UidSet uids, MailboxId to);

    /** MOVE (RFC 6851): copy, then expunge the originals. */
    Mono<CopyResult> move(MailboxId from, UidSet uids, MailboxId to);

    /** Expunges the messages of {@code uids} that carry {@code \Deleted}; emits the UIDs removed. */
    Mono<List<Uid>> expungeDeleted(MailboxId mailbox, UidSet uids);

    /** Expunges exactly the messages of {@code uids}, whatever their flags (API delete, MOVE). */
    Mono<List<Uid>> expunge(MailboxId mailbox, UidSet uids);

    /** UIDs of the messages matching {@code key}, ascending. */
    Mono<List<Uid>> search(MailboxId mailbox, SearchKey key);

    /**
     * As {@link #search}, with the messages expunged but still kept for sessions that have not been told yet
     * (RFC 3501 §7.4.1: an IMAP session's view holds them until it reports the EXPUNGE); the caller keeps only
     * the UIDs of its view.
     */
    Mono<List<Uid>> searchView(MailboxId mailbox, SearchKey key);
}
