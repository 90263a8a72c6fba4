package dev.gannet.core.store;

import java.util.Comparator;
import java.util.Locale;
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
     * One page of users in the order of their lower-cased usernames: those whose lower-cased name starts with
     * {@code prefix} (empty = all) and sorts after {@code after} (null = from the start), at most
     * {@code limit}. Usernames are unique ignoring case, so the last lower-cased name of a page is the
     * {@code after} of the next. The default filters {@link #list()}; the MongoDB store ranges over its index.
     */
    default Flux<User> page(String prefix, String after, int limit) {
        String p = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT);
        return list().filter(u -> {
            String k = u.username().toLowerCase(Locale.ROOT);
            return k.startsWith(p) && (after == null || k.compareTo(after) > 0);
        }).sort(Comparator.comparing((User u) -> u.username().toLowerCase(Locale.ROOT))).take(limit);
    }

    /** How many users' lower-cased names start with {@code prefix} (empty = all users). */
    default Mono<Long> count(String prefix) {
        String p = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT);
        return list().filter(u -> u.username().toLowerCase(Locale.ROOT).startsWith(p)).count();
    }

    /**
     * Checks the password; emits the user, or errors with AUTH_FAILED for an unknown user, a wrong password
     * or a disabled account (indistinguishable by design). Re-hashes an outdated hash on success.
     */
    Mono<User> authenticate(String username, String password);

    Mono<Void> setPassword(UserId id, String password);

    /** Replaces the password with an imported hash, refused (INVALID) unless {@code Passwords.checkImportable} accepts it. */
    Mono<Void> setPasswordHash(UserId id, String hash);

    Mono<Void> setDisabled(UserId id, boolean disabled);

    Mono<Void> setDisplayName(UserId id, String displayName);

    /**
     * WildDuck's {@code recipients}: how many recipients the user may send to through the API per 24 hours; 0 = the
     * configured default ({@code submit.recipientsPerDay}). NOT_FOUND for no such user.
     */
    Mono<Void> setRecipientLimit(UserId id, int recipients);

    /** The user's own recipient allowance, 0 when none is set; empty for no such user. */
    Mono<Integer> recipientLimit(UserId id);

    /** Deletes the user, their mailboxes, messages and addresses; runs the user-deleted hook. */
    Mono<Void> delete(UserId id);
}
