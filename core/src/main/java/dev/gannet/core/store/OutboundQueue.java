package dev.gannet.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Mail Gannet itself sends (the {@code outbound} collection): forwards and Sieve redirects, autoreplies,
 * bounces (DSNs) and mail submitted through the API. {@link #enqueue} completes only once the message is
 * durable, so a delivery may acknowledge the original after it; the {@code tasks} role sends what is queued
 * through the configured relay.
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

    /** A queued message as the API shows it. */
    record Queued(String id, UserId user, Kind kind, String envelopeFrom, List<String> recipients, long size,
            Instant queued, Instant nextAttempt, int attempts, String state, String lastResult) {
    }

    /** Queues a message durably; emits its queue id. */
    Mono<String> enqueue(Request request);

    /** The user's queued messages, oldest first. */
    Flux<Queued> list(UserId user);

    /** Empty when the user has no such queued message (another user's included). */
    Mono<Queued> get(UserId user, String id);

    /** Removes a message of this user from the queue before it is sent; emits whether it did. */
    Mono<Boolean> cancel(UserId user, String id);
}
