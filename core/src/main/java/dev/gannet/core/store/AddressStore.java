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

    /**
     * Adds a sub-address ({@code name+tag@d}) only while its untagged form {@code name@d} is the user's own:
     * checked before the insert and again after it, and undone (CONFLICT) if a concurrent change took the
     * untagged form away meanwhile, so no user is left holding a sub-address of someone else's address.
     * ALREADY_EXISTS if the sub-address itself is taken, CONFLICT if the untagged form is not the user's.
     */
    Mono<AddressEntry> addSubAddress(UserId user, EmailAddress address, boolean main);

    /** The address exactly as stored (no sub-address or catch-all resolution); empty if nobody has it. */
    Mono<AddressEntry> get(EmailAddress address);

    /**
     * Removes an address and, for an untagged one, its owner's sub-addresses of it ({@code name+tag@d} for
     * {@code name@d}), after it: a sub-address is never left behind to catch the mail of the next owner of
     * {@code name@d}. NOT_FOUND if nobody has the address.
     */
    Mono<Void> remove(EmailAddress address);

    /** True if {@code sub} is a sub-address ({@code name+tag@d}) of the untagged {@code base} ({@code name@d}). */
    static boolean isSubAddressOf(EmailAddress sub, EmailAddress base) {
        EmailAddress untagged = sub.withoutTag();
        return untagged != null && untagged.key().equals(base.key());
    }

    Flux<AddressEntry> byUser(UserId user);

    /** Makes an address the user's main one. */
    Mono<Void> setMain(UserId user, EmailAddress address);

    /**
     * Resolves a recipient: exact address, else its untagged form ({@code user+tag@} → {@code user@}),
     * else {@code *@domain}. Completes empty if nothing matches.
     */
    Mono<Resolution> resolve(EmailAddress address);

    /**
     * True when any address in {@code domain} is stored: a user's, a sub-address, a {@code *@domain} wildcard or a
     * forwarded address. {@code domain} is normalised as {@link EmailAddress} does; an invalid one is not hosted.
     */
    Mono<Boolean> hostsDomain(String domain);
}
