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

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** A new id: 24 lower-case hex digits (WildDuck's ObjectId form: the time in seconds, then random bytes). */
    public static String newId() {
        byte[] b = new byte[12];
        long seconds = System.currentTimeMillis() / 1000;
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) (seconds >>> (24 - 8 * i));
        }
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        System.arraycopy(random, 0, b, 4, 8);
        return java.util.HexFormat.of().formatHex(b);
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
