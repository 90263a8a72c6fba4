package dev.gannet.core.store;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The auth log ({@code authlog}). A known user's events are numbered 1, 2, 3, ... from a counter on the
 * users document and stored under {@code "<user>:<n>"}, so a page of them is one {@code _id $in} lookup on
 * every backend; the number is the event's id in the API. Events of unknown user names get a random id and
 * no user, and are read by nobody but the operator. Every event carries {@code expires}; the tasks role
 * deletes expired ones ({@link #purge()}), and a TTL index does the same on real MongoDB.
 */
public interface AuthLogStore {

    /** Stores the event of an unknown user name (no user) under a random id and emits it with that id. */
    Mono<AuthEvent> record(AuthEvent event);

    /** The id the user's next event will get (for ASP last-use records written before the event). */
    Mono<String> allocate(UserId user);

    /** Stores an event under an id from {@link #allocate}. */
    Mono<AuthEvent> record(String id, AuthEvent event);

    /** The number of the user's newest event so far (0 if none). */
    Mono<Long> newest(UserId user);

    /**
     * The user's events numbered {@code from} down to {@code from - count + 1} (skipping ids that are not
     * there: purged, or allocated and not yet written), newest first.
     */
    Flux<AuthEvent> page(UserId user, long from, int count);

    /** How many events of the user are stored. */
    Mono<Long> count(UserId user);

    /** Completes empty unless the user has an event with this id. */
    Mono<AuthEvent> get(UserId user, String id);

    /** Deletes events past their {@code expires}; emits how many. */
    Mono<Long> purge();

    /** Deletes every event of the user (user deletion). */
    Mono<Void> deleteAll(UserId user);
}
