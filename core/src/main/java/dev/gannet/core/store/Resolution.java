package dev.gannet.core.store;

import java.util.Objects;

/**
 * The result of resolving a recipient: the user, and which stored address matched (exact, the untagged
 * form of a plus address, or a {@code *@domain} wildcard), so delivery can tell them apart.
 */
public record Resolution(UserId user, EmailAddress requested, EmailAddress matched, Kind kind) {

    /** How the match was found, in the order resolution tries them. */
    public enum Kind { EXACT, PLUS_TAG, WILDCARD }

    public Resolution {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(matched, "matched");
        Objects.requireNonNull(kind, "kind");
    }
}
