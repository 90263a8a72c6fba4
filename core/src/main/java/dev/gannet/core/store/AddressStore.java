package dev.gannet.core.store;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Addresses that deliver to users. Each normalised address (see {@link EmailAddress#key()}) belongs to at
 * most one user; a user can have several, exactly one of them main.
 */
public interface AddressStore {

    /** Adds an address; the user's first address becomes main, or this one if {@code main}. */
    Mono<AddressEntry> add(UserId user, EmailAddress address, boolean main);

    Mono<Void> remove(EmailAddress address);

    Flux<AddressEntry> byUser(UserId user);

    /** Makes an address the user's main one. */
    Mono<Void> setMain(UserId user, EmailAddress address);

    /**
     * Resolves a recipient: exact address, else its untagged form ({@code user+tag@} → {@code user@}),
     * else {@code *@domain}. Completes empty if nothing matches.
     */
    Mono<Resolution> resolve(EmailAddress address);
}
