package dev.gannet.core.store;

import java.time.Instant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A user's Sieve scripts (the {@code sieve} collection), as ManageSieve (RFC 5804) and the API manage them and
 * delivery runs the active one. A user has at most one active script; script names are compared exactly
 * (RFC 5804 §1.6: names are UTF-8 strings, no normalisation beyond what the caller does). The store does not
 * parse scripts: whoever calls {@link #put} has checked the source.
 */
public interface SieveStore {

    /** A stored script. */
    record Script(String name, String source, boolean active, Instant updated) {
    }

    /** The most scripts one user may keep. */
    int MAX_SCRIPTS = 100;

    /** The user's scripts, ordered by name. */
    Flux<Script> list(UserId user);

    /** Empty when the user has no script of that name. */
    Mono<Script> get(UserId user, String name);

    /** Creates or replaces a script; INVALID past {@link #MAX_SCRIPTS}. Keeps its active state. */
    Mono<Void> put(UserId user, String name, String source);

    /**
     * Deletes a script; emits false when there is none of that name. Errors with CONFLICT when it is the
     * active script (RFC 5804 §2.10: the active script cannot be deleted).
     */
    Mono<Boolean> delete(UserId user, String name);

    /** Renames a script (its active state goes with it); NOT_FOUND / ALREADY_EXISTS. */
    Mono<Void> rename(UserId user, String from, String to);

    /** Makes {@code name} the active script, or none when {@code name} is null; NOT_FOUND if there is no such script. */
    Mono<Void> activate(UserId user, String name);

    /** Deactivates {@code name} if it is the active script; emits whether it was. */
    Mono<Boolean> deactivate(UserId user, String name);

    /** The active script; empty when none is active. */
    Mono<Script> active(UserId user);

    /** Deletes every script of the user (user deletion). */
    Mono<Void> deleteAll(UserId user);
}
