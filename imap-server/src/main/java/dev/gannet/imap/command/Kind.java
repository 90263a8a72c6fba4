package dev.gannet.imap.command;

import dev.gannet.imap.protocol.SessionState;

import java.util.EnumSet;
import java.util.Set;

/**
 * Every command the server knows, with the states it is valid in (RFC 3501 §6) and the capability that
 * must be advertised for it; the dispatcher checks both once, before any handler runs.
 */
public enum Kind {
    CAPABILITY(States.ANY, null),
    NOOP(States.ANY, null),
    LOGOUT(States.ANY, null),
    ID(States.ANY, "ID"),
    STARTTLS(States.NOT_AUTH, "STARTTLS"),
    LOGIN(States.NOT_AUTH, null),
    AUTHENTICATE(States.NOT_AUTH, null),
    ENABLE(States.AUTH, "ENABLE"),
    NAMESPACE(States.AUTH_OR_SELECTED, "NAMESPACE"),
    CREATE(States.AUTH_OR_SELECTED, null),
    DELETE(States.AUTH_OR_SELECTED, null),
    RENAME(States.AUTH_OR_SELECTED, null),
    SUBSCRIBE(States.AUTH_OR_SELECTED, null),
    UNSUBSCRIBE(States.AUTH_OR_SELECTED, null),
    LIST(States.AUTH_OR_SELECTED, null),
    LSUB(States.AUTH_OR_SELECTED, null),
    STATUS(States.AUTH_OR_SELECTED, null),
    SELECT(States.AUTH_OR_SELECTED, null),
    EXAMINE(States.AUTH_OR_SELECTED, null),
    CLOSE(States.SELECTED, null),
    UNSELECT(States.SELECTED, "UNSELECT"),
    CHECK(States.SELECTED, null),
    FETCH(States.SELECTED, null),
    STORE(States.SELECTED, null),
    COPY(States.SELECTED, null),
    MOVE(States.SELECTED, "MOVE"),
    EXPUNGE(States.SELECTED, null),
    UID_EXPUNGE(States.SELECTED, "UIDPLUS"),
    APPEND(States.AUTH_OR_SELECTED, null),
    SEARCH(States.SELECTED, null),
    CANCELUPDATE(States.SELECTED, "CONTEXT=SEARCH"),
    SORT(States.SELECTED, "SORT"),
    THREAD(States.SELECTED, "THREAD"),
    IDLE(States.AUTH_OR_SELECTED, "IDLE"),
    GETQUOTA(States.AUTH_OR_SELECTED, "QUOTA"),
    GETQUOTAROOT(States.AUTH_OR_SELECTED, "QUOTA"),
    GETMETADATA(States.AUTH_OR_SELECTED, "METADATA"),
    SETMETADATA(States.AUTH_OR_SELECTED, "METADATA"),
    COMPRESS(States.AUTH_OR_SELECTED, "COMPRESS"),
    NOTIFY(States.AUTH_OR_SELECTED, "NOTIFY");

    private final Set<SessionState> states;
    private final String capability;

    Kind(Set<SessionState> states, String capability) {
        this.states = states;
        this.capability = capability;
    }

    public Set<SessionState> states() {
        return states;
    }

    /** The capability that must be advertised, or null for IMAP4rev1 itself. */
    public String capability() {
        return capability;
    }

    private static final class States {
        static final Set<SessionState> ANY = EnumSet.of(SessionState.NOT_AUTHENTICATED, SessionState.AUTHENTICATED,
                SessionState.SELECTED);
        static final Set<SessionState> NOT_AUTH = EnumSet.of(SessionState.NOT_AUTHENTICATED);
        static final Set<SessionState> AUTH = EnumSet.of(SessionState.AUTHENTICATED);
        static final Set<SessionState> AUTH_OR_SELECTED = EnumSet.of(SessionState.AUTHENTICATED, SessionState.SELECTED);
        static final Set<SessionState> SELECTED = EnumSet.of(SessionState.SELECTED);
    }
}
