package dev.gannet.core.store;

import reactor.core.publisher.Mono;

/**
 * A user's TOTP second factor (RFC 6238) and custom second factor, kept in the user's document beside
 * {@code enabled2fa}. Every change is one conditional write whose own result decides: enabling needs the seed that
 * setup stored to be still the pending one, and a code is good once because using its time step is a {@code $max}
 * that must have raised the last used step. Seeds are base32 text and are never logged; {@link Totp#toString()}
 * hides them.
 */
public interface TotpStore {

    /** The enabled seed and the last time step a code was accepted for (0 for none). */
    record Totp(String seed, long lastStep) {
        @Override
        public String toString() {
            return "Totp[seed=***, lastStep=" + lastStep + "]";
        }
    }

    /**
     * Stores {@code seed} as the pending seed of setup, replacing any pending one. Emits false (and stores nothing)
     * when TOTP is already enabled, unless {@code fresh}: then the new seed waits beside the enabled one, which keeps
     * working until the new one is enabled.
     */
    Mono<Boolean> setPending(UserId user, String seed, boolean fresh);

    /** The pending seed of setup; empty if there is none. */
    Mono<String> pending(UserId user);

    /** The enabled TOTP; empty if TOTP is off. */
    Mono<Totp> enabled(UserId user);

    /**
     * Turns TOTP on with {@code seed}, the code of {@code step} having proved it, if {@code seed} is still the pending
     * seed; emits whether this call did it.
     */
    Mono<Boolean> enable(UserId user, String seed, long step);

    /** Records that a code of {@code step} was used with {@code seed}; emits false if that step or a later one was. */
    Mono<Boolean> useStep(UserId user, String seed, long step);

    /** Turns TOTP off and drops every seed; emits whether it was on. */
    Mono<Boolean> disable(UserId user);

    /** Turns the custom second factor (one the application checks itself) on or off; emits whether that changed. */
    Mono<Boolean> setCustom(UserId user, boolean on);
}
