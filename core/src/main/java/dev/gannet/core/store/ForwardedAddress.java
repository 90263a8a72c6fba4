package dev.gannet.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An address that belongs to no user and forwards every message to {@code targets} (WildDuck's forwarded
 * address). It lives beside users' addresses, so one address is either a user's or forwarded, never both.
 *
 * @param id 24 lower-case hex digits
 * @param forwards the daily forward limit, 0 for the configured default
 * @param autoreply stored and shown as given; not sent (see docs/api.md)
 */
public record ForwardedAddress(String id, EmailAddress address, String name, List<String> targets, long forwards,
        Autoreply autoreply, List<String> tags, boolean forwardedDisabled, Instant created) {

    /** A new id: 24 lower-case hex digits, increasing within a process (WildDuck's ObjectId form). */
    public static String newId() {
        return new org.bson.types.ObjectId().toHexString();
    }

    public ForwardedAddress {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        name = name == null ? "" : name;
        targets = List.copyOf(targets);
        tags = tags == null ? List.of() : List.copyOf(tags);
        Objects.requireNonNull(created, "created");
    }
}
