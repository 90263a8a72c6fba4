package dev.gannet.api;

import dev.gannet.core.store.UserId;

/**
 * The caller a request was authenticated as: root (the configured access token, or loopback when none is
 * configured) or one user through a token from {@code POST /authenticate}. {@code tokenHash} identifies the
 * user token so it can be revoked; it is never the token itself. {@code scope} is the user token's scope
 * ({@code master} for root), and {@code pendingSecondFactor} says the token still waits for its second factor.
 * {@code operator} names the operator token a root call came with ({@code api.operatorTokens}), null for
 * {@code api.accessToken} and users; a {@code readOnly} operator may only read.
 */
public record Principal(boolean root, UserId user, String tokenHash, String scope, boolean pendingSecondFactor,
        String operator, boolean readOnly) {

    public static final Principal ROOT = new Principal(true, null, null, "master", false, null, false);

    /** An operator's access token from {@code api.operatorTokens}: root, or root for reading only. */
    public static Principal operator(String name, boolean readOnly) {
        return new Principal(true, null, null, "master", false, name, readOnly);
    }

    public static Principal user(UserId user, String tokenHash) {
        return new Principal(false, user, tokenHash, "master", false, null, false);
    }

    public static Principal user(UserId user, String tokenHash, String scope, boolean pendingSecondFactor) {
        return new Principal(false, user, tokenHash, scope, pendingSecondFactor, null, false);
    }

    /** True if this caller may act for {@code id}. */
    public boolean mayActFor(UserId id) {
        return root || user.equals(id);
    }
}
