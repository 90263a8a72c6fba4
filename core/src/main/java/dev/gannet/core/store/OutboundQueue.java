package dev.gannet.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Mail Gannet itself sends (the {@code outbound} collection): forwards and Sieve redirects, autoreplies,
 * bounces (DSNs) and mail submitted through the API. {@link #enqueue} completes only once the message is
 * durable, so a delivery may acknowledge the original after it; the {@code tasks} role sends what is queued
 * through the configured relay (docs/outbound.md).
 *
 * <p>Sending is claimed with a lease: {@link #claim} is a conditional write per message (the attempt count as
 * read), so of several nodes racing for one message exactly one gets it, and only the claimer's
 * {@link #finish}/{@link #retry} (matched by its claim token) changes it afterwards. A claimer that dies leaves
 * the lease to expire, after which any node claims the message again.
 */
public interface OutboundQueue {

    /** Why a message is sent. */
    enum Kind { FORWARD, AUTOREPLY, BOUNCE, SUBMISSION }

    /**
     * One message to send.
     *
     * @param user the user on whose behalf it is sent (counted against their limits; sees it in the API),
     *        or null for mail the server sends on nobody's behalf
     * @param envelopeFrom the SMTP reverse path, {@code ""} for the null sender (DSNs, autoreplies)
     * @param recipients SMTP forward paths, at least one
     * @param content the exact bytes to send
     * @param origin what caused it, for the log (a queue id, a message id); may be null
     */
    record Request(UserId user, Kind kind, String envelopeFrom, List<String> recipients, MessageSource content,
            String origin) {
        public Request {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(envelopeFrom, "envelopeFrom");
            Objects.requireNonNull(content, "content");
            recipients = List.copyOf(recipients);
            if (recipients.isEmpty()) {
                throw new IllegalArgumentException("no recipients");
            }
        }
    }

    /**
     * A queued message as the API shows it. {@code state} is {@code queued} (waiting for {@code nextAttempt})
     * or {@code sending} (claimed by a node until {@code nextAttempt}, the lease's end); {@code recipients} are
     * those still to be sent to.
     */
    record Queued(String id, UserId user, Kind kind, String envelopeFrom, List<String> recipients, long size,
            Instant queued, Instant nextAttempt, int attempts, String state, String lastResult) {
    }

    /**
     * A message this node has claimed for one attempt.
     *
     * @param claim the token that {@link #finish} and {@link #retry} must present
     * @param attempts the attempts so far, this one included
     */
    record Claimed(String id, UserId user, Kind kind, String envelopeFrom, List<String> recipients, long size,
            Instant queued, int attempts, String origin, String claim, Instant leaseEnd) {
    }

    /** Queues a message durably; emits its queue id. */
    Mono<String> enqueue(Request request);

    /** The user's queued messages, oldest first. */
    Flux<Queued> list(UserId user);

    /** Empty when the user has no such queued message (another user's included). */
    Mono<Queued> get(UserId user, String id);

    /**
     * Removes a message of this user from the queue before it is sent; emits whether it did. A message a node
     * is sending right now (state {@code sending}, lease not yet over) is not removed.
     */
    Mono<Boolean> cancel(UserId user, String id);

    /**
     * Claims up to {@code max} messages that are due at {@code now} (waiting and due, or claimed by a node whose
     * lease has ended) for {@code lease}; emits those this caller won.
     */
    Flux<Claimed> claim(String owner, Instant now, Duration lease, int max);

    /** The exact bytes of a queued message; empty when it is gone. */
    Mono<MessageSource> content(String id);

    /** Removes the message after its last attempt (sent, or failed and bounced); emits whether the claim still held. */
    Mono<Boolean> finish(Claimed claimed);

    /**
     * Puts the message back in the queue for another attempt at {@code next}, for the recipients still to be
     * sent to; emits whether the claim still held.
     */
    Mono<Boolean> retry(Claimed claimed, List<String> remaining, Instant next, String lastResult);

    /** Emits the queue id of each message enqueued through this instance, so a sender on this node can wake early. */
    default Flux<String> arrivals() {
        return Flux.never();
    }
}
