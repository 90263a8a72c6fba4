package dev.gannet.pop3.protocol;

import java.util.EnumSet;
import java.util.Set;

/**
 * The POP3 command keywords Gannet implements and the states each is legal in (RFC 1939 §4-§7,
 * RFC 2449 §5 for CAPA, RFC 2595 §4 for STLS, RFC 5034 §4 for AUTH). The dispatcher checks this once.
 */
public enum Verb {
    USER(Pop3State.AUTHORIZATION),
    PASS(Pop3State.AUTHORIZATION),
    AUTH(Pop3State.AUTHORIZATION),
    STLS(Pop3State.AUTHORIZATION),
    CAPA(Pop3State.AUTHORIZATION, Pop3State.TRANSACTION),
    QUIT(Pop3State.AUTHORIZATION, Pop3State.TRANSACTION),
    STAT(Pop3State.TRANSACTION),
    LIST(Pop3State.TRANSACTION),
    UIDL(Pop3State.TRANSACTION),
    RETR(Pop3State.TRANSACTION),
    TOP(Pop3State.TRANSACTION),
    DELE(Pop3State.TRANSACTION),
    RSET(Pop3State.TRANSACTION),
    NOOP(Pop3State.TRANSACTION);

    private final Set<Pop3State> legalIn;

    Verb(Pop3State first, Pop3State... rest) {
        this.legalIn = EnumSet.of(first, rest);
    }

    public boolean legalIn(Pop3State state) {
        return legalIn.contains(state);
    }
}
