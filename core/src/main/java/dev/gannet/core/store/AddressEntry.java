package dev.gannet.core.store;

import java.util.Objects;

/** One address owned by a user; exactly one of a user's addresses is {@code main}. */
public record AddressEntry(EmailAddress address, UserId user, boolean main) {
    public AddressEntry {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(user, "user");
    }
}
