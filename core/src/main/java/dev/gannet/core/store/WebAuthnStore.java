package dev.gannet.core.store;

import java.time.Instant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * WebAuthn credentials (the {@code webauthn} collection). A credential id is registered once across all users;
 * a user has at most {@link #MAX_PER_USER}. The store keeps the user's {@code enabled2fa} entry
 * {@code "webauthn"} in step with whether the user has a credential, with {@code $addToSet}/{@code $pull}.
 */
public interface WebAuthnStore {

    int MAX_PER_USER = 10;

    /**
     * Stores a credential and adds {@code "webauthn"} to the user's {@code enabled2fa}. Errors with INVALID past
     * {@link #MAX_PER_USER}, ALREADY_EXISTS if the credential id is registered already (to anyone).
     */
    Mono<WebAuthnCredential> add(UserId user, WebAuthnCredential.New credential);

    /** The user's credentials, oldest first. */
    Flux<WebAuthnCredential> list(UserId user);

    /** The user's credential with this authenticator credential id; empty if none (another user's included). */
    Mono<WebAuthnCredential> find(UserId user, byte[] credentialId);

    /**
     * Deletes the user's credential {@code id}; emits whether this call deleted it. Deleting the user's last
     * credential removes {@code "webauthn"} from {@code enabled2fa}.
     */
    Mono<Boolean> delete(UserId user, String id);

    /**
     * Records a verified use: sets the signature counter to {@code newCount} and the last use, by one write
     * conditional on the stored counter being lower (or both being 0). Emits false when the condition failed: the
     * counter did not increase, so the authenticator may be cloned (or a racing use won), and the use is refused.
     */
    Mono<Boolean> recordUse(String id, long newCount, Instant at);

    /** Deletes every credential of the user and removes {@code "webauthn"} from {@code enabled2fa}. */
    Mono<Void> deleteAll(UserId user);
}
