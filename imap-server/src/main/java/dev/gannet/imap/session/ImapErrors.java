package dev.gannet.imap.session;

import dev.gannet.core.error.GannetException;
import dev.gannet.imap.protocol.ImapParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become IMAP responses (RFC 5530 response codes): grammar errors answer BAD,
 * store errors answer NO with the code derived from {@link GannetException#code()}, and anything
 * unexpected answers {@code NO [SERVERBUG]} after being logged. Internal messages never reach the client.
 */
public final class ImapErrors {

    private static final Logger log = LoggerFactory.getLogger(ImapErrors.class);

    private ImapErrors() {
    }

    public static Tagged toResponse(Throwable error) {
        Throwable e = unwrap(error);
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

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof GannetException) && !(t instanceof ImapNo)
                && (t.getClass().getName().startsWith("reactor.") || t instanceof java.util.concurrent.CompletionException)) {
            t = t.getCause();
        }
        return t;
    }
}
