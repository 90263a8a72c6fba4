package dev.gannet.core.store;

import dev.gannet.core.auth.Passwords;
import dev.gannet.core.error.GannetException;
import java.util.Objects;

/**
 * What creating a user needs. Either a clear-text password (hashed with the current scheme) or an imported
 * hash in a scheme {@link Passwords#checkImportable} accepts (PHC PBKDF2, bcrypt, MD5/SHA-crypt, argon2, …);
 * a hash that could never verify is refused here, before it is stored. {@code toString()} hides both.
 *
 * @param quotaLimit bytes, 0 = unlimited
 */
public record NewUser(String username, String password, String importedHash, String displayName, long quotaLimit) {

    public NewUser {
        Objects.requireNonNull(username, "username");
        String u = username.strip();
        if (u.isEmpty() || u.length() > 128 || !u.equals(username)) {
            throw GannetException.invalid("username must be 1..128 characters without surrounding space");
        }
        for (int i = 0; i < u.length(); i++) {
            if (Character.isISOControl(u.charAt(i)) || Character.isWhitespace(u.charAt(i))) {
                throw GannetException.invalid("username must not contain spaces or control characters");
            }
        }
        if ((password == null) == (importedHash == null)) {
            throw GannetException.invalid("give either a password or an imported hash");
        }
        if (importedHash != null) {
            Passwords.checkImportable(importedHash);
        }
        if (quotaLimit < 0) {
            throw GannetException.invalid("quota must not be negative");
        }
        displayName = displayName == null ? "" : displayName;
    }

    public static NewUser withPassword(String username, String password) {
        return new NewUser(username, password, null, "", 0);
    }

    public NewUser withQuota(long limit) {
        return new NewUser(username, password, importedHash, displayName, limit);
    }

    @Override
    public String toString() {
        return "NewUser[username=" + username + ", displayName=" + displayName + ", quotaLimit=" + quotaLimit
                + ", secret=***]";
    }
}
