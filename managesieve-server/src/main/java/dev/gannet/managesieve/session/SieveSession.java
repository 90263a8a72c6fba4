package dev.gannet.managesieve.session;

import dev.gannet.core.store.User;
import dev.gannet.managesieve.protocol.SessionState;

/**
 * The state of one ManageSieve connection (RFC 5804 §1.3): authenticated or not, as whom, and whether an
 * AUTHENTICATE exchange waits for the client's response. Only the connection's event loop touches it.
 */
final class SieveSession {

    private SessionState state = SessionState.NOT_AUTHENTICATED;
    private User user;
    private boolean awaitingSasl;
    private boolean closed;

    SessionState state() {
        return state;
    }

    User user() {
        return user;
    }

    /** Enters the authenticated state; false (nothing changed) when the connection closed meanwhile. */
    boolean authenticated(User u) {
        if (closed) {
            return false;
        }
        user = u;
        state = SessionState.AUTHENTICATED;
        return true;
    }

    /** UNAUTHENTICATE (RFC 5804 §2.14.1). */
    void unauthenticated() {
        user = null;
        state = SessionState.NOT_AUTHENTICATED;
    }

    boolean awaitingSasl() {
        return awaitingSasl;
    }

    void awaitingSasl(boolean waiting) {
        awaitingSasl = waiting;
    }

    void closed() {
        closed = true;
    }
}
