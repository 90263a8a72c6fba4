package dev.gannet.core.coord;

import java.time.Duration;
import java.util.Objects;

/**
 * Proof that {@code owner} held lock {@code name} when it was granted or last renewed, for {@code ttl}.
 * The holder keeps it to renew and release; the lock itself, not this value, decides who owns it, so a
 * lease whose time ran out is worthless even though the object still exists.
 */
public record Lease(String name, String owner, Duration ttl) {

    public Lease {
        requireName(name, "name");
        requireName(owner, "owner");
        requirePositive(ttl);
    }

    static void requireName(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("lock " + what + " must not be empty");
        }
    }

    static void requirePositive(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException("lease ttl must be at least 1 ms, was " + ttl);
        }
    }
}
