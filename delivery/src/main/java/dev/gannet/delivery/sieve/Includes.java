package dev.gannet.delivery.sieve;

import java.util.Map;
import java.util.Optional;

/**
 * Where {@code include} (RFC 6609) finds scripts: {@code :personal} among the user's own scripts, {@code :global}
 * among the administrator's. Lookups must not block for long: delivery loads the user's scripts before running.
 */
public interface Includes {

    Optional<String> personal(String name);

    Optional<String> global(String name);

    /** No script can be included. */
    Includes NONE = of(Map.of(), Map.of());

    static Includes of(Map<String, String> personal, Map<String, String> global) {
        return new Includes() {
            @Override
            public Optional<String> personal(String name) {
                return Optional.ofNullable(personal.get(name));
            }

            @Override
            public Optional<String> global(String name) {
                return Optional.ofNullable(global.get(name));
            }
        };
    }
}
