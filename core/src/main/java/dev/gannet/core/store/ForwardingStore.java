package dev.gannet.core.store;

import reactor.core.publisher.Mono;

/**
 * Forwarding: a user's own targets (WildDuck's {@code targets} and {@code forwards} user fields, kept in the
 * user's document) and forwarded addresses (kept in {@code addresses} beside users' addresses, so that
 * {@link AddressStore#resolve} finds them as {@link Resolution.Kind#FORWARDED}).
 */
public interface ForwardingStore {

    /** A user's forwarding: targets (e-mail addresses) and daily forward limit, 0 for the configured default. */
    record UserForwarding(java.util.List<String> targets, long forwards) {
        public UserForwarding {
            targets = targets == null ? java.util.List.of() : java.util.List.copyOf(targets);
        }
    }

    /** Empty when there is no such user. */
    Mono<UserForwarding> user(UserId user);

    /** Sets targets and/or the limit (null leaves a field as it is); emits false when there is no such user. */
    Mono<Boolean> setUser(UserId user, java.util.List<String> targets, Long forwards);

    /** Stores a new forwarded address; ALREADY_EXISTS when the address is taken by anyone. */
    Mono<ForwardedAddress> create(ForwardedAddress address);

    /** By id; empty when none. */
    Mono<ForwardedAddress> get(String id);

    /** By the address exactly as stored (normalised key); empty when it is not a forwarded address. */
    Mono<ForwardedAddress> byAddress(EmailAddress address);

    /** Replaces everything but id, address and created; emits whether it existed. */
    Mono<Boolean> update(ForwardedAddress address);

    /** Emits whether it existed. */
    Mono<Boolean> delete(String id);
}
