package dev.gannet.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A user account as the store keeps it. The password hash is never part of this record; it stays inside
 * the store and is reached only through {@link UserStore#authenticate}.
 *
 * @param quotaLimit bytes; 0 means unlimited
 * @param storageUsed exact bytes of all this user's messages (kept by {@code $inc} on every change)
 */
public record User(UserId id, String username, String displayName, long quotaLimit, long storageUsed,
        boolean disabled, Instant created) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        displayName = displayName == null ? "" : displayName;
        Objects.requireNonNull(created, "created");
    }
}
