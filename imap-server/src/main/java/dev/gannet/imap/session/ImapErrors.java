package dev.gannet.imap.session;

import dev.gannet.core.error.GannetException;
import dev.gannet.imap.protocol.ImapParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become IMAP responses (RFC 5530 response codes): grammar errors answer BAD,
 * store errors answer NO with the code derived from {@link GannetException#code()}, and anything
 * unexpected answers {@code NO [SERVERBUG]} after being logged; a failure in the middle of a response, where no
 * tagged answer can follow, closes the connection with a BYE carrying the same code. Internal messages never
 * reach the client.
 */
public final class ImapErrors {

    private static final Logger log = LoggerFactory.getLogger(ImapErrors.class);

    private ImapErrors() {
    }

    public static Tagged toResponse(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof Aborted) {
            return Tagged.no("SERVERBUG", "Connection closed");
        }
        if (e instanceof ImapNo no) {
            return no.response();
        }
        if (e instanceof ImapParseException p) {
            return Tagged.bad(p.getMessage());
        }
        if (e instanceof GannetException g) {
            return switch (g.code()) {
                case NOT_FOUND -> Tagged.no("NONEXISTENT", "No such mailbox or message");
                case ALREADY_EXISTS -> Tagged.no("ALREADYEXISTS", "Mailbox already exists");
                case OVER_QUOTA -> Tagged.no("OVERQUOTA", "Quota exceeded");
                case TOO_BIG -> Tagged.no("TOOBIG", "Message too large");
                case UNAVAILABLE -> {
                    log.warn("storage unavailable: {}", g.getMessage());
                    yield Tagged.no("UNAVAILABLE", "Temporary failure, try again later");
                }
                case REJECTED -> Tagged.no("CANNOT", "Message refused");
                case INVALID -> Tagged.no("CANNOT", "Not allowed");
                case CONFLICT -> Tagged.no("INUSE", "Changed concurrently, try again");
                case AUTH_FAILED -> Tagged.no("AUTHENTICATIONFAILED", "Authentication failed");
            };
        }
        log.warn("internal error in command", e);
        return Tagged.no("SERVERBUG", "Internal error");
    }

    /**
     * A response was cut short by {@code error} after part of it was written: the connection is ended with a
     * BYE carrying the code the error would have had as a tagged NO, e.g. {@code * BYE [UNAVAILABLE] ...}
     * (RFC 3501 §7.1.5). Returns the error to end the command with; its tagged response is never sent.
     */
    public static Aborted abort(Responder out, Throwable error) {
        Tagged t = toResponse(error);
        out.abort("* BYE " + (t.code() == null ? "" : "[" + t.code() + "] ") + t.text());
        return new Aborted();
    }

    /** The command's response was cut short and the connection is closing; nothing more is written. */
    public static final class Aborted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Aborted() {
            super("response aborted", null, false, false);
        }
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof GannetException) && !(t instanceof ImapNo)
                && (t.getClass().getName().startsWith("reactor.") || t instanceof java.util.concurrent.CompletionException)) {
            t = t.getCause();
        }
        return t;
    }
}
