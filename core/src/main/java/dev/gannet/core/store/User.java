package dev.gannet.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A user account as the store keeps it. The password hash is never part of this record; it stays inside
 * the store and is reached only through {@link UserStore#authenticate}.
 *
 * @param quotaLimit bytes; 0 means unlimited
 * @param storageUsed exact bytes of all this user's messages (kept by {@code $inc} on every change)
 * @param enabled2fa the second factors the user has turned on (WildDuck's {@code enabled2fa}: {@code totp},
 *        {@code webauthn}, {@code custom}); empty when the password alone logs in
 */
public record User(UserId id, String username, String displayName, long quotaLimit, long storageUsed,
        boolean disabled, Instant created, List<String> enabled2fa) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        displayName = displayName == null ? "" : displayName;
        Objects.requireNonNull(created, "created");
        enabled2fa = enabled2fa == null ? List.of() : List.copyOf(enabled2fa);
    }

    public User(UserId id, String username, String displayName, long quotaLimit, long storageUsed,
            boolean disabled, Instant created) {
        this(id, username, displayName, quotaLimit, storageUsed, disabled, created, List.of());
    }

    /** True when a second factor is on: protocol logins then need an application-specific password. */
    public boolean has2fa() {
        return !enabled2fa.isEmpty();
    }
}
