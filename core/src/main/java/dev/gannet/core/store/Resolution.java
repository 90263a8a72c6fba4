package dev.gannet.core.store;

import java.util.Objects;

/**
 * The result of resolving a recipient: the user, and which stored address matched (exact, the untagged
 * form of a plus address, or a {@code *@domain} wildcard), so delivery can tell them apart. A
 * {@link Kind#FORWARDED} resolution names no user: {@code matched} is a forwarded address
 * ({@link ForwardingStore}), found by the same steps (exact, untagged, wildcard).
 */
public record Resolution(UserId user, EmailAddress requested, EmailAddress matched, Kind kind) {

    /** How the match was found, in the order resolution tries them. */
    public enum Kind { EXACT, PLUS_TAG, WILDCARD, FORWARDED }

    public Resolution {
        if (kind != Kind.FORWARDED) {
            Objects.requireNonNull(user, "user");
        }
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(matched, "matched");
        Objects.requireNonNull(kind, "kind");
    }
}
