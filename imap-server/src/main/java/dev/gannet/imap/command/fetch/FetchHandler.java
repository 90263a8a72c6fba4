package dev.gannet.imap.command.fetch;

import dev.gannet.core.store.FetchedMessage;
import dev.gannet.core.store.Flag;
import dev.gannet.core.store.FlagUpdate;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.MessageFacts;
import dev.gannet.core.store.MessageMeta;
import dev.gannet.core.store.Uid;
import dev.gannet.core.store.UidSet;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.session.ChangesSince;
import dev.gannet.imap.session.ContentWriter;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.SelectedMailbox;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * FETCH and UID FETCH (RFC 3501 §6.4.5, §6.4.8; RFC 7162 §3.1.4 CHANGEDSINCE, §3.2.6 VANISHED): the message set is resolved
 * against the session's view, then messages are read from the store in batches, one batch in memory at a
 * time, and written in order. A body item without PEEK sets {@code \Seen} first (unless the mailbox was
 * opened read-only) and the response then carries the new FLAGS.
 *
 * <p>A message of the view that is gone from the store (expunged by another session that this one has not
 * reported yet, or in a mailbox deleted meanwhile) gets no response at all, the others are answered in full,
 * and the command ends {@code NO [EXPUNGEISSUED]}: RFC 2180 §4.1.2 with the RFC 5530 code. Dovecot 2.3 sends
 * placeholder data for such a message instead ({@code ENVELOPE} of NILs, {@code BODY[] NIL},
 * {@code RFC822.SIZE 0}) and ends with OK [EXPUNGEISSUED] (§4.1.3); a client may keep such data as the
 * message's, so Gannet sends none, and without it OK would claim data that was never sent.
 */
public final class FetchHandler {

    /** One read of the messages collection per batch (the store reads by key 200 at a time). */
    private static final int BATCH = 200;

    private FetchHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Fetch c, ImapSession s) {
        SelectedMailbox sel = s.selected();
        if (c.changedSince() >= 0 || c.atts().stream().anyMatch(a -> a.type() == FetchAtt.Type.MODSEQ)) {
            s.enable("CONDSTORE");
        }
        long[] uids = s.resolve(c.set(), c.uid());
        if (uids == null) {
            return Mono.just(Tagged.bad("Invalid message sequence number"));
        }
        if (c.vanished() && !s.isEnabled("QRESYNC")) {
            return Mono.just(Tagged.bad("VANISHED requires ENABLE QRESYNC"));
        }
        boolean setSeen = !sel.readOnly() && c.atts().stream().anyMatch(FetchAtt::setsSeen);
        int batches = (uids.length + BATCH - 1) / BATCH;
        return vanished(s, sel, c).thenMany(Flux.range(0, batches))
                .concatMap(b -> batch(s, sel, c, Arrays.copyOfRange(uids, b * BATCH, Math.min(uids.length, (b + 1) * BATCH)),
                        setSeen), 1)
                .reduce(false, Boolean::logicalOr)
                .map(vanished -> vanished ? Tagged.no("EXPUNGEISSUED", "Some of the requested messages no longer exist")
                        : Tagged.ok((c.uid() ? "UID FETCH" : "Fetch") + " completed"));
    }

    /**
     * RFC 7162 §3.2.6: with the VANISHED modifier, the UIDs of the set expunged since CHANGEDSINCE go out first, in
     * one {@code * VANISHED (EARLIER)}. {@code *} stands for the highest UID the mailbox had handed out when it was
     * selected, so that expunged messages above the view's last one are named too.
     */
    private static Mono<Void> vanished(ImapSession s, SelectedMailbox sel, ImapCommand.Fetch c) {
        if (!c.vanished()) {
            return Mono.empty();
        }
        long max = Math.max(sel.mailbox().uidNext() - 1, sel.maxUid());
        return ChangesSince.read(s.store(), sel, c.changedSince()).doOnNext(ch -> {
            List<long[]> gone = ch.vanished(sel, c.set().resolve(max));
            if (!gone.isEmpty()) {
                s.out().untagged("VANISHED (EARLIER) " + ChangesSince.format(gone));
            }
        }).then();
    }

    /** Writes one batch; emits true if a message of it is no longer in the store. */
    private static Mono<Boolean> batch(ImapSession s, SelectedMailbox sel, ImapCommand.Fetch c, long[] uids, boolean setSeen) {
        if (c.changedSince() < 0 && c.atts().stream().allMatch(a -> a.type() == FetchAtt.Type.UID)) {
            return fromView(s, sel, uids);
        }
        boolean needStructure = c.atts().stream().anyMatch(FetchAtt::needsStructure);
        return fetch(s, sel, c, uids, needStructure).collectList().flatMap(found -> {
            boolean vanished = found.size() < uids.length;
            List<FetchedMessage> wanted = c.changedSince() < 0 ? found
                    : found.stream().filter(f -> f.meta().modseq().value() > c.changedSince()).toList();
            return markSeen(s, sel, setSeen ? wanted : List.of()).flatMap(changed -> Flux.fromIterable(wanted)
                    .concatMap(f -> {
                        int seq = sel.seqOf(f.uid().value());
                        if (seq < 0) {
                            return Mono.just(true);
                        }
                        MessageMeta now = changed.get(f.uid().value());
                        FetchedMessage current = now == null ? f : f.withMeta(now);
                        return FetchWriter.write(s, sel, seq, current, c.atts(), now != null, s.condstore());
                    }, 1)
                    .all(Boolean::booleanValue)
                    .map(allWritten -> vanished || !allWritten)
                    .flatMap(v -> ContentWriter.awaitIfFull(s.out(), s.out().write(s.channel().alloc().buffer(0), true))
                            .thenReturn(v)));
        });
    }

    /** The batch's messages, with their RFC 8474/8514/8970 facts when an item needs them. */
    private static Flux<FetchedMessage> fetch(ImapSession s, SelectedMailbox sel, ImapCommand.Fetch c, long[] uids,
            boolean needStructure) {
        if (c.atts().stream().noneMatch(FetchAtt::needsFacts)) {
            return s.store().messages().fetchKnown(sel.id(), uids, needStructure);
        }
        // PREVIEW computes a missing preview; PREVIEW (LAZY) alone takes only a stored one (RFC 8970 §3.1)
        MessageFacts.PreviewMode preview = c.atts().stream().anyMatch(a -> a.type() == FetchAtt.Type.PREVIEW)
                ? MessageFacts.PreviewMode.COMPUTED
                : c.atts().stream().anyMatch(a -> a.type() == FetchAtt.Type.PREVIEW_LAZY)
                        ? MessageFacts.PreviewMode.STORED : MessageFacts.PreviewMode.NONE;
        return s.store().messages().fetchKnown(sel.id(), uids, needStructure, preview);
    }

    /**
     * {@code FETCH (UID)}, the sequence-number map a client builds: the view has the answer, for a message another
     * session expunged as for any other (as Dovecot answers it from its index), without reading the store.
     */
    private static Mono<Boolean> fromView(ImapSession s, SelectedMailbox sel, long[] uids) {
        return Flux.fromStream(() -> Arrays.stream(uids).boxed())
                .concatMap(uid -> {
                    int seq = sel.seqOf(uid);
                    return seq < 0 ? Mono.<Void>empty()
                            : ContentWriter.awaitIfFull(s.out(), s.out().write(s.out().encode(new FetchResponse(seq).uid(uid).end())));
                }, 1)
                .then(Mono.defer(() -> ContentWriter.awaitIfFull(s.out(), s.out().write(s.channel().alloc().buffer(0), true))))
                .thenReturn(false);
    }

    /** Sets {@code \Seen} on those of {@code messages} without it; emits the changed messages' new metadata by UID. */
    private static Mono<Map<Long, MessageMeta>> markSeen(ImapSession s, SelectedMailbox sel, List<FetchedMessage> messages) {
        List<Uid> unseen = new ArrayList<>();
        messages.stream().filter(f -> !f.meta().flags().has(Flag.SEEN)).forEach(f -> unseen.add(f.uid()));
        if (unseen.isEmpty()) {
            return Mono.just(Map.of());
        }
        return s.store().messages().updateFlags(sel.id(), UidSet.of(unseen), FlagUpdate.add(Flags.of(Flag.SEEN)))
                .map(result -> {
                    Map<Long, MessageMeta> changed = new HashMap<>();
                    result.changed().forEach(m -> changed.put(m.uid().value(), m));
                    if (!result.changed().isEmpty()) {
                        sel.ownChange(result.changed().get(0).modseq());
                    }
                    return changed;
                });
    }
}
