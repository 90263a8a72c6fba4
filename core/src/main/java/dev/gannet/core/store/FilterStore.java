package dev.gannet.core.store;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Users' WildDuck filters (the {@code filters} collection). A user's filters keep their creation order, which is
 * the order delivery runs them in. Ids are unique per user; another user's filter id is simply not found.
 */
public interface FilterStore {

    /** The most filters one user may keep. */
    int MAX_FILTERS = 100;

    /** The user's filters in creation order. */
    Flux<Filter> list(UserId user);

    /** Empty when the user has no filter of that id. */
    Mono<Filter> get(UserId user, String id);

    /** Adds a filter at the end (its id and creation time are set here); INVALID past {@link #MAX_FILTERS}. */
    Mono<Filter> create(UserId user, String name, Filter.Query query, Filter.Action action, boolean disabled);

    /** Replaces name, query, action and disabled of {@code filter} (matched by user and id); emits whether it existed. */
    Mono<Boolean> replace(Filter filter);

    /** Emits whether the user had that filter. */
    Mono<Boolean> delete(UserId user, String id);

    /**
     * Every user's filters, ordered by user id then creation, after the position {@code after} (from
     * {@link #position}), or from the start when null; at most {@code limit}.
     */
    Flux<Filter> page(String after, int limit);

    /** How many filters all users hold. */
    Mono<Long> count();

    /** The cursor position of a filter for {@link #page}. */
    static String position(Filter f) {
        return f.user().value() + "/" + f.created().toEpochMilli() + "/" + f.id();
    }

    /** Deletes every filter of the user (user deletion). */
    Mono<Void> deleteAll(UserId user);
}
