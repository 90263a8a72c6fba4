package dev.gannet.managesieve.protocol;

import java.util.EnumSet;
import java.util.Set;

import static dev.gannet.managesieve.protocol.SessionState.AUTHENTICATED;
import static dev.gannet.managesieve.protocol.SessionState.NOT_AUTHENTICATED;

/** Every ManageSieve command (RFC 5804 §2) and the states it is legal in; the dispatcher checks them once. */
public enum Verb {
    AUTHENTICATE(NOT_AUTHENTICATED),
    STARTTLS(NOT_AUTHENTICATED),
    LOGOUT(NOT_AUTHENTICATED, AUTHENTICATED),
    CAPABILITY(NOT_AUTHENTICATED, AUTHENTICATED),
    NOOP(NOT_AUTHENTICATED, AUTHENTICATED),
    HAVESPACE(AUTHENTICATED),
    PUTSCRIPT(AUTHENTICATED),
    LISTSCRIPTS(AUTHENTICATED),
    SETACTIVE(AUTHENTICATED),
    GETSCRIPT(AUTHENTICATED),
    DELETESCRIPT(AUTHENTICATED),
    RENAMESCRIPT(AUTHENTICATED),
    CHECKSCRIPT(AUTHENTICATED),
    UNAUTHENTICATE(AUTHENTICATED);

    private final Set<SessionState> states;

    Verb(SessionState first, SessionState... rest) {
        this.states = EnumSet.of(first, rest);
    }

    public boolean legalIn(SessionState state) {
        return states.contains(state);
    }
}
