package dev.gannet.core.coord.internal;

import java.time.Duration;
import java.util.Objects;

/** Redis expiries are whole milliseconds, so both backends refuse anything shorter than one. */
final class Ttls {

    private Ttls() {
    }

    static Duration require(Duration ttl, String what) {
        Objects.requireNonNull(ttl, what);
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException(what + " must be at least 1 ms, was " + ttl);
        }
        return ttl;
    }
}
