package dev.gannet.lmtp.command.misc;

import dev.gannet.lmtp.protocol.Reply;

/**
 * The fixed replies of the simple commands (RFC 5321 §4.1.1.5 RSET, §4.1.1.9 NOOP, §4.1.1.10 QUIT,
 * §3.5.3 VRFY answered 252 as the RFC suggests when the server will not verify, §4.1.1.8 HELP) and of the
 * protocol errors that are not about one command's syntax.
 */
public final class Replies {

    public static final Reply OK = Reply.of(250, "2.0.0", "OK");
    public static final Reply VRFY = Reply.of(252, "2.5.2", "Cannot VRFY user, but will accept message and attempt delivery");
    public static final Reply HELP = Reply.of(214, "2.0.0",
            "Commands: LHLO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP STARTTLS");
    public static final Reply BAD_SEQUENCE = Reply.of(503, "5.5.1", "Bad sequence of commands");
    public static final Reply NO_RECIPIENTS = Reply.of(503, "5.5.1", "No valid recipients");
    public static final Reply START_DATA = Reply.plain(354, java.util.List.of("Start mail input; end with <CRLF>.<CRLF>"));
    public static final Reply START_TLS = Reply.of(220, "2.0.0", "Ready to start TLS");
    public static final Reply TLS_ACTIVE = Reply.of(503, "5.5.1", "TLS already active");
    public static final Reply TOO_MANY_RECIPIENTS = Reply.of(452, "4.5.3", "Too many recipients");
    public static final Reply LINE_TOO_LONG = Reply.of(500, "5.5.2", "Line too long");
    public static final Reply LOCAL_ERROR = Reply.of(451, "4.3.0", "Local error, try again later");

    private Replies() {
    }

    public static Reply greeting(String hostname) {
        return Reply.plain(220, java.util.List.of(hostname + " LMTP Gannet ready"));
    }

    public static Reply bye(String hostname) {
        return Reply.of(221, "2.0.0", hostname + " closing connection");
    }

    public static Reply idle(String hostname) {
        return Reply.of(421, "4.4.2", hostname + " Idle timeout, closing connection");
    }

    public static Reply error(String hostname) {
        return Reply.of(421, "4.3.0", hostname + " Error, closing connection");
    }

    public static Reply chunkReceived(long octets) {
        return Reply.of(250, "2.0.0", octets + " octets received");
    }
}
