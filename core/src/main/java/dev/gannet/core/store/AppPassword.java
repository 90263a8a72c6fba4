package dev.gannet.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An application-specific password as the store keeps it (WildDuck's ASP): a description, the scopes it may
 * log in to ({@code imap}, {@code pop3}, {@code smtp}, or {@code *} for all of them; never {@code master}),
 * an optional expiry and its last use. The secret itself is never part of this record: only its hash is
 * stored, and it is shown once, in {@link Created}.
 *
 * @param expires null when it never expires
 * @param lastUse null when it has not been used yet
 */
public record AppPassword(String id, UserId user, String description, List<String> scopes, Instant created,
        Instant expires, LastUse lastUse) {

    /** The scopes an ASP may name; {@code *} stands for all of them. */
    public static final Set<String> SCOPES = Set.of("imap", "pop3", "smtp");

    public AppPassword {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        description = description == null ? "" : description;
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(created, "created");
    }

    /** True when this ASP may log in to {@code scope} ({@code master} never). */
    public boolean allows(String scope) {
        return !"master".equals(scope) && (scopes.contains("*") || scopes.contains(scope));
    }

    public boolean expiredAt(Instant now) {
        return expires != null && !now.isBefore(expires);
    }

    /** When, from where and over which protocol the ASP last logged in, and the auth-log event of it. */
    public record LastUse(Instant time, String ip, String protocol, String event) {
    }

    /** A new ASP with its secret, which the caller shows once and the store never keeps. */
    public record Created(AppPassword asp, String password) {
        @Override
        public String toString() {
            return "Created[asp=" + asp + ", password=***]";
        }
    }
}
