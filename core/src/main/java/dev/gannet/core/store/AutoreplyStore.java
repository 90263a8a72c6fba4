package dev.gannet.core.store;

import reactor.core.publisher.Mono;

/** Each user's autoreply (the {@code autoreplies} collection, one document per user). */
public interface AutoreplyStore {

    /** Empty when the user has none. */
    Mono<Autoreply> get(UserId user);

    /** Creates or replaces the user's autoreply. */
    Mono<Void> put(UserId user, Autoreply autoreply);

    /** Emits whether there was one. */
    Mono<Boolean> delete(UserId user);
}
