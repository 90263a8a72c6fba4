package dev.gannet.api;

import dev.gannet.core.store.UserId;

/**
 * The caller a request was authenticated as: root (the configured access token, or loopback when none is
 * configured) or one user through a token from {@code POST /authenticate}. {@code tokenHash} identifies the
 * user token so it can be revoked; it is never the token itself. {@code scope} is the user token's scope
 * ({@code master} for root), and {@code pendingSecondFactor} says the token still waits for its second factor.
 */
public record Principal(boolean root, UserId user, String tokenHash, String scope, boolean pendingSecondFactor) {

    public static final Principal ROOT = new Principal(true, null, null, "master", false);

    public static Principal user(UserId user, String tokenHash) {
        return new Principal(false, user, tokenHash, "master", false);
    }

    public static Principal user(UserId user, String tokenHash, String scope, boolean pendingSecondFactor) {
        return new Principal(false, user, tokenHash, scope, pendingSecondFactor);
    }

    /** True if this caller may act for {@code id}. */
    public boolean mayActFor(UserId id) {
        return root || user.equals(id);
    }
}
