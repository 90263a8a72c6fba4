package dev.gannet.imap.session;

import dev.gannet.imap.protocol.SessionState;

import java.util.ArrayList;
import java.util.List;

/**
 * The CAPABILITY list (RFC 3501 §7.2.1) for a session's state. Before login, STARTTLS is offered on a
 * plain connection, and where plaintext authentication is not allowed (not TLS, not loopback, and
 * {@code imap.allowPlaintextAuth} off) LOGINDISABLED replaces the AUTH= mechanisms (RFC 3501 §6.2.3).
 * IMAP4rev2 stands beside IMAP4rev1, as RFC 9051 Appendix E has a server that speaks both advertise them;
 * a client picks rev2 with ENABLE.
 */
public final class Capabilities {

    private static final List<String> ALWAYS = List.of("IMAP4rev1", "IMAP4rev2", "LITERAL+", "SASL-IR", "ID", "ENABLE");
    private static final List<String> AFTER_LOGIN = List.of("NAMESPACE", "CHILDREN", "SPECIAL-USE", "CREATE-SPECIAL-USE", "LIST-EXTENDED", "LIST-STATUS", "STATUS=SIZE", "UNSELECT", "UIDPLUS", "MULTIAPPEND", "CATENATE", "BINARY", "MOVE", "QUOTA", "QUOTA=RES-STORAGE", "METADATA", "METADATA-SERVER", "WITHIN", "SORT", "SORT=DISPLAY", "THREAD=ORDEREDSUBJECT", "THREAD=REFERENCES", "THREAD=REFS", "ESORT", "ESEARCH", "SEARCHRES", "CONTEXT=SEARCH", "CONTEXT=SORT", "IDLE", "CONDSTORE", "QRESYNC", "UTF8=ACCEPT",
            "OBJECTID", "PREVIEW", "SAVEDATE", "COMPRESS=DEFLATE", "NOTIFY");

    private Capabilities() {
    }

    public static List<String> of(SessionState state, boolean tls, boolean plaintextAllowed, long appendLimit) {
        return of(state, tls, plaintextAllowed, appendLimit, true);
    }

    /** {@code literalPlus} false advertises LITERAL- instead of LITERAL+ (RFC 7888 §5, {@code imap.literalPlus}). */
    public static List<String> of(SessionState state, boolean tls, boolean plaintextAllowed, long appendLimit,
            boolean literalPlus) {
        List<String> caps = new ArrayList<>(ALWAYS);
        if (!literalPlus) {
            caps.set(caps.indexOf("LITERAL+"), "LITERAL-");
        }
        if (state == SessionState.NOT_AUTHENTICATED) {
            if (!tls) {
                caps.add("STARTTLS");
            }
            if (plaintextAllowed) {
                caps.add("AUTH=PLAIN");
                caps.add("AUTH=LOGIN");
            } else {
                caps.add("LOGINDISABLED");
            }
        }
        caps.addAll(AFTER_LOGIN);
        caps.add("APPENDLIMIT=" + appendLimit);
        return caps;
    }

    /** True if {@code name} (e.g. {@code IDLE}) is in the list; used to reject commands of unadvertised extensions. */
    public static boolean has(List<String> caps, String name) {
        return name == null || caps.stream().anyMatch(c -> c.equalsIgnoreCase(name) || c.regionMatches(true, 0, name + "=", 0, name.length() + 1));
    }
}
