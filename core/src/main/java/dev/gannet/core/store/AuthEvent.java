package dev.gannet.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One login attempt in the auth log ({@code authlog}), with WildDuck's field names: {@code action}
 * ({@code authentication}), {@code result} ({@code success} or {@code fail}), {@code protocol}, {@code ip},
 * {@code sess}, {@code source} ({@code master} for the account password, {@code asp} for an application
 * password), {@code asp} and {@code aname} (the ASP's id and description), {@code requiredScope}. Gannet adds
 * the {@code username} that was tried, the {@code reason} of a failure and the user's {@code enabled2fa}.
 * Never a secret.
 *
 * @param id null until the store assigns one
 * @param user null for a user name that does not exist (the event is kept, under no user)
 * @param enabled2fa null when the user is unknown
 */
public record AuthEvent(String id, UserId user, String username, String action, String result, String protocol,
        String ip, String sess, String source, String asp, String aname, String requiredScope, String reason,
        List<String> enabled2fa, Instant created, Instant expires) {

    public static final String SUCCESS = "success";
    public static final String FAIL = "fail";

    public AuthEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(created, "created");
        enabled2fa = enabled2fa == null ? null : List.copyOf(enabled2fa);
    }

    public AuthEvent withId(String newId) {
        return new AuthEvent(newId, user, username, action, result, protocol, ip, sess, source, asp, aname,
                requiredScope, reason, enabled2fa, created, expires);
    }
}
