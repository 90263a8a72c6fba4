package dev.gannet.api;

/**
 * Who may call a route. The route table checks it once, before any handler runs, so a handler never
 * sees a caller it was not meant for: a user token reaches only routes under its own {@code /users/{user}}.
 */
public enum Access {
    /** No token needed (health, the OpenAPI document). */
    PUBLIC,
    /** The root token only (provisioning, metrics). */
    ROOT,
    /** The root token, or a user token whose user is the {@code {user}} path parameter. */
    OWNER,
    /** The root token or any valid user token (revoking one's own token). */
    ANY
}
