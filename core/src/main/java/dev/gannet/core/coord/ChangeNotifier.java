package dev.gannet.core.coord;

import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The bell that tells every node "mailbox M of user U changed up to modseq N" (ARCHITECTURE.md,
 * "Change notification"). Channels are keyed by user because every reader is a user's session: an
 * IMAP IDLE (one or more mailboxes of one owner) or an SSE stream (all mailboxes of one user). Delivery
 * is best effort and may repeat or drop; readers always catch up from the journal.
 */
public interface ChangeNotifier {

    /** Rings the bell on every node, this one included. Completes once handed to the bus. */
    Mono<Void> publish(MailboxChange change);

    default Mono<Void> publish(String userId, String mailboxId, long modseq) {
        return publish(new MailboxChange(userId, mailboxId, modseq));
    }

    /** Subscribes to one user's changes; the Mono completes once the subscription is live on the bus. */
    Mono<ChangeSubscription> subscribe(String userId);

    /** Subscribes to every user's changes (webhooks, cache invalidation); completes once live. */
    Mono<ChangeSubscription> subscribeAll();

    /** One user's changes as a plain Flux, for readers that need not know when listening began. */
    default Flux<MailboxChange> changes(String userId) {
        return Flux.usingWhen(subscribe(userId), ChangeSubscription::changes,
                s -> Mono.fromRunnable(s::close));
    }

    /** One user's changes to the given mailboxes (an IMAP session watching several folders). */
    default Flux<MailboxChange> changes(String userId, Set<String> mailboxIds) {
        Set<String> wanted = Set.copyOf(mailboxIds);
        return changes(userId).filter(c -> wanted.contains(c.mailboxId()));
    }

    /** Every user's changes as a plain Flux. */
    default Flux<MailboxChange> allChanges() {
        return Flux.usingWhen(subscribeAll(), ChangeSubscription::changes,
                s -> Mono.fromRunnable(s::close));
    }
}
