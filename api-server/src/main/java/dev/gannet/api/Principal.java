package dev.gannet.api;

import dev.gannet.core.store.UserId;

/**
 * The caller a request was authenticated as: root (the configured access token, or loopback when none is
 * configured) or one user through a token from {@code POST /authenticate}. {@code tokenHash} identifies the
 * user token so it can be revoked; it is never the token itself.
 */
public record Principal(boolean root, UserId user, String tokenHash) {

    public static final Principal ROOT = new Principal(true, null, null);

    public static Principal user(UserId user, String tokenHash) {
        return new Principal(false, user, tokenHash);
    }

    /** True if this caller may act for {@code id}. */
    public boolean mayActFor(UserId id) {
        return root || user.equals(id);
    }
}
