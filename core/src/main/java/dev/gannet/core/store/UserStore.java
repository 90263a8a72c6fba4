package dev.gannet.core.store;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * User accounts. Usernames are unique ignoring case. Creating a user also creates the default mailboxes
 * (INBOX, Sent, Drafts, Trash, Junk, Archive with their RFC 6154 special-use attributes) and runs the
 * plugins' user-created hook.
 */
public interface UserStore {

    /** Errors with ALREADY_EXISTS if the name is taken (in any case). */
    Mono<User> create(NewUser user);

    /** Completes empty if there is no such user. */
    Mono<User> get(UserId id);

    /** Case-insensitive lookup; completes empty if absent. */
    Mono<User> byUsername(String username);

    Flux<User> list();

    /**
     * Checks the password; emits the user, or errors with AUTH_FAILED for an unknown user, a wrong password
     * or a disabled account (indistinguishable by design). Re-hashes an outdated hash on success.
     */
    Mono<User> authenticate(String username, String password);

    Mono<Void> setPassword(UserId id, String password);

    Mono<Void> setDisabled(UserId id, boolean disabled);

    Mono<Void> setDisplayName(UserId id, String displayName);

    /** Deletes the user, their mailboxes, messages and addresses; runs the user-deleted hook. */
    Mono<Void> delete(UserId id);
}
