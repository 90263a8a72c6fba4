package dev.gannet.core.store;

import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Application-specific passwords (the {@code asps} collection). A secret is 16 random lowercase letters,
 * WildDuck's shape, so a login can tell an ASP from a password by its form; only a hash of it is stored,
 * under a unique key derived from the user and the secret, so a login finds its ASP with one exact lookup.
 */
public interface AppPasswordStore {

    /** Creates an ASP; errors with INVALID past the per-user limit. */
    Mono<AppPassword.Created> create(UserId user, String description, List<String> scopes, Instant expires);

    /** The user's ASPs, oldest first. */
    Flux<AppPassword> list(UserId user);

    /** Completes empty if there is no such ASP of this user (another user's id included). */
    Mono<AppPassword> get(UserId user, String id);

    /** Emits whether an ASP of this user was deleted. */
    Mono<Boolean> delete(UserId user, String id);

    /** The user's ASP whose secret is {@code secret} (whitespace already removed); empty if none. */
    Mono<AppPassword> match(UserId user, String secret);

    /**
     * Records a login with the ASP {@code secret} names, by a write conditional on the ASP still existing;
     * emits whether it did (false: the ASP was deleted since it was matched, and the login must fail).
     */
    Mono<Boolean> recordUse(UserId user, String secret, AppPassword.LastUse use);

    /** Deletes every ASP of the user (user deletion). */
    Mono<Void> deleteAll(UserId user);
}
