package dev.gannet.imap.command.fetch;

import dev.gannet.core.store.Flag;
import dev.gannet.core.store.FlagUpdate;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.ImapStructure;
import dev.gannet.core.store.MessageMeta;
import dev.gannet.core.store.Uid;
import dev.gannet.core.store.UidSet;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.session.ContentWriter;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.SelectedMailbox;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * FETCH and UID FETCH (RFC 3501 §6.4.5, §6.4.8; RFC 7162 §3.1.4 CHANGEDSINCE): the message set is resolved
 * against the session's view, then messages are read from the store in batches, one batch in memory at a
 * time, and written in order. A body item without PEEK sets {@code \Seen} first (unless the mailbox was
 * opened read-only) and the response then carries the new FLAGS.
 */
public final class FetchHandler {

    private static final int BATCH = 250;

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
        boolean setSeen = !sel.readOnly() && c.atts().stream().anyMatch(FetchAtt::setsSeen);
        int batches = (uids.length + BATCH - 1) / BATCH;
        return Flux.range(0, batches)
                .concatMap(b -> batch(s, sel, c, Arrays.copyOfRange(uids, b * BATCH, Math.min(uids.length, (b + 1) * BATCH)),
                        setSeen), 1)
                .then(Mono.fromCallable(() -> Tagged.ok((c.uid() ? "UID FETCH" : "Fetch") + " completed")));
    }

    private static Mono<Void> batch(ImapSession s, SelectedMailbox sel, ImapCommand.Fetch c, long[] uids, boolean setSeen) {
        boolean needStructure = c.atts().stream().anyMatch(FetchAtt::needsStructure);
        Mono<Map<Uid, ImapStructure>> structures = needStructure ? s.store().messages().structures(sel.id(), uids)
                : Mono.just(Map.of());
        return Mono.zip(s.store().messages().listKnown(sel.id(), uids).collectList(), structures).flatMap(read -> {
            List<MessageMeta> metas = read.getT1();
            List<MessageMeta> wanted = c.changedSince() < 0 ? metas
                    : metas.stream().filter(m -> m.modseq().value() > c.changedSince()).toList();
            List<Uid> unseen = new ArrayList<>();
            if (setSeen) {
                wanted.stream().filter(m -> !m.flags().has(Flag.SEEN)).forEach(m -> unseen.add(m.uid()));
            }
            Mono<Map<Long, MessageMeta>> seen = unseen.isEmpty() ? Mono.just(Map.of())
                    : s.store().messages().updateFlags(sel.id(), UidSet.of(unseen), FlagUpdate.add(Flags.of(Flag.SEEN)))
                            .map(result -> {
                                Map<Long, MessageMeta> changed = new HashMap<>();
                                result.changed().forEach(m -> changed.put(m.uid().value(), m));
                                if (!result.changed().isEmpty()) {
                                    sel.ownChange(result.changed().get(0).modseq());
                                }
                                return changed;
                            });
            return seen.flatMap(changed -> {
                Map<Long, MessageMeta> byUid = new LinkedHashMap<>();
                wanted.forEach(m -> byUid.put(m.uid().value(), changed.getOrDefault(m.uid().value(), m)));
                return Flux.fromIterable(byUid.values()).concatMap(m -> {
                    int seq = sel.seqOf(m.uid().value());
                    return seq < 0 ? Mono.empty()
                            : FetchWriter.write(s, sel, seq, m, Optional.ofNullable(read.getT2().get(m.uid())), c.atts(),
                                    changed.containsKey(m.uid().value()), s.condstore());
                }, 1).then(Mono.defer(() -> ContentWriter.awaitIfFull(s.out(),
                        s.out().write(s.channel().alloc().buffer(0), true))));
            });
        });
    }
}
