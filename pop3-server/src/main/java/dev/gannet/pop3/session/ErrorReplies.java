package dev.gannet.pop3.session;

import dev.gannet.core.error.GannetException;
import dev.gannet.pop3.protocol.Pop3Exception;
import dev.gannet.pop3.protocol.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns a failure into a POP3 reply, with the extended response codes of RFC 2449
 * §8 and RFC 3206 ({@code [AUTH]}, {@code [SYS/TEMP]}, {@code [SYS/PERM]}, {@code [IN-USE]}). Store
 * messages never reach the client; unexpected exceptions are logged and answered as temporary failures.
 */
final class ErrorReplies {

    private static final Logger log = LoggerFactory.getLogger(ErrorReplies.class);

    private ErrorReplies() {
    }

    static Reply.Line toReply(Throwable e) {
        if (e instanceof Pop3Exception p) {
            return new Reply.Line(p.replyLine(), false);
        }
        if (e instanceof GannetException g) {
            switch (g.code()) {
                case AUTH_FAILED:
                    return Reply.err("[AUTH] authentication failed");
                case UNAVAILABLE:
                case CONFLICT:
                    log.warn("store failure: {}", g.toString());
                    return Reply.err("[SYS/TEMP] temporary failure, try again later");
                case NOT_FOUND:
                    return Reply.err("no such message");
                case INVALID:
                    return Reply.err("invalid request");
                case OVER_QUOTA:
                case TOO_BIG:
                case REJECTED:
                case ALREADY_EXISTS:
                default:
                    return Reply.err("[SYS/PERM] request refused");
            }
        }
        log.warn("unexpected failure", e);
        return Reply.err("[SYS/TEMP] internal error, try again later");
    }
}
