package dev.gannet.api.users;

import java.util.List;

/** Request and response bodies of the user and quota routes, with WildDuck's field names. */
public final class UserBodies {

    private UserBodies() {
    }

    /**
     * {@code password} is a clear-text password, or with {@code hashedPassword: true} an existing hash to
     * import as is (PHC PBKDF2, bcrypt, MD5-crypt, SHA-crypt, argon2; one Gannet cannot verify is a 400 naming
     * {@code password}). {@code quota} is in bytes, 0 = unlimited. {@code recipients} is the daily allowance of
     * recipients for mail sent through the API, 0 = {@code submit.recipientsPerDay}.
     */
    public record CreateUser(String username, String password, Boolean hashedPassword, String address, String name,
            Long quota, List<String> targets, Long forwards, Integer recipients) {
        @Override
        public String toString() {
            return "CreateUser[username=" + username + ", password=***]";
        }
    }

    /** {@code hashedPassword: true} (root only) sets {@code password} as an imported hash, checked as at creation. */
    public record UpdateUser(String name, String password, Boolean hashedPassword, Long quota, Boolean disabled,
            List<String> targets, Long forwards, Integer recipients) {
        @Override
        public String toString() {
            return "UpdateUser[name=" + name + ", password=***, quota=" + quota + ", disabled=" + disabled + "]";
        }
    }

    public record Created(boolean success, String id) {
    }

    public record Success(boolean success) {
    }

    /** 202: the user is disabled at once and removed, with its messages, in the background. */
    public record Deleting(boolean success, String id, boolean deleting) {
    }

    public record Quota(long allowed, long used) {
    }

    /** {@code forwards}: messages forwarded today and the daily limit (WildDuck's {@code limits.forwards}). */
    public record Forwards(long allowed, long used, long ttl) {
    }

    public record Limits(Quota quota, Forwards forwards, dev.gannet.api.submit.Allowance.Recipients recipients) {
    }

    public record UserInfo(boolean success, String id, String username, String name, String address,
            Limits limits, boolean disabled, String created, List<String> enabled2fa, List<String> targets) {
    }

    public record UserListItem(String id, String username, String name, String address, Quota quota,
            boolean disabled) {
    }

    public record UserList(boolean success, long total, String nextCursor, List<UserListItem> results) {
    }

    public record QuotaInfo(boolean success, long allowed, long used) {
    }

    public record QuotaReset(boolean success, long storageUsed, long previousStorageUsed) {
    }
}
