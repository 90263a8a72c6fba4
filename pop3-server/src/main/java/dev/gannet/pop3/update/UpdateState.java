package dev.gannet.pop3.update;

import dev.gannet.core.store.FlagUpdate;
import dev.gannet.core.store.Flag;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.SpecialUse;
import dev.gannet.core.store.Uid;
import dev.gannet.core.store.UidSet;
import dev.gannet.pop3.maildrop.Maildrop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * The UPDATE state (RFC 1939 §6), entered only by QUIT in TRANSACTION: retrieved messages are marked
 * {@code \Seen} (if configured), then the messages marked by DELE are expunged from INBOX, or moved to
 * the user's Trash when so configured (expunged if there is no Trash). Both go through the store, so
 * IMAP sessions on INBOX see them through the journal. A dropped connection never gets here.
 */
public final class UpdateState {

    private static final Logger log = LoggerFactory.getLogger(UpdateState.class);

    private final MailStore store;
    private final boolean markSeen;
    private final boolean moveToTrash;

    public UpdateState(MailStore store, boolean markSeen, boolean moveToTrash) {
        this.store = store;
        this.markSeen = markSeen;
        this.moveToTrash = moveToTrash;
    }

    /** Applies the session's marks; the lists are read now, on the caller's thread. */
    public Mono<Void> apply(Maildrop drop) {
        List<Uid> seen = markSeen ? drop.retrievedLiveUids() : List.of();
        List<Uid> deleted = drop.deletedUids();
        Mono<Void> marking = seen.isEmpty() ? Mono.empty()
                : store.messages().updateFlags(drop.mailbox(), UidSet.of(seen), FlagUpdate.add(Flags.of(Flag.SEEN))).then();
        return marking.then(deleted.isEmpty() ? Mono.empty() : remove(drop, UidSet.of(deleted)));
    }

    private Mono<Void> remove(Maildrop drop, UidSet uids) {
        Mono<Void> expunge = Mono.defer(() -> store.messages().expunge(drop.mailbox(), uids).then());
        if (!moveToTrash) {
            return expunge;
        }
        return store.mailboxes().byId(drop.mailbox())
                .flatMap(inbox -> store.mailboxes().bySpecialUse(inbox.user(), SpecialUse.TRASH))
                .flatMap(trash -> store.messages().move(drop.mailbox(), uids, trash.id()).then(Mono.just(true)))
                .switchIfEmpty(Mono.defer(() -> {
                    log.info("no Trash mailbox; expunging POP3-deleted messages instead");
                    return expunge.thenReturn(true);
                }))
                .then();
    }
}
