package dev.gannet.lmtp.delivery;

import dev.gannet.core.error.GannetException;
import dev.gannet.lmtp.protocol.Reply;

/**
 * The one place where failures become LMTP replies (STYLE.md habit 7; codes from RFC 3463 and RFC 5321
 * §4.2.2). Anything not known to be permanent is temporary (451 4.3.0), so the MTA keeps the message
 * queued rather than bouncing it: nothing is lost by a retry, only possibly duplicated.
 */
public final class LmtpErrors {

    /** A reply with the short reason that metrics and the delivery log line carry. */
    public record Outcome(Reply reply, String reason) {
    }

    public static final Outcome UNAVAILABLE = new Outcome(
            Reply.of(451, "4.3.0", "Temporary storage failure, try again later"), "unavailable");

    private LmtpErrors() {
    }

    public static Outcome of(Throwable failure, boolean overQuotaTemporary) {
        if (!(failure instanceof GannetException g)) {
            return UNAVAILABLE;
        }
        switch (g.code()) {
            case OVER_QUOTA:
                return new Outcome(overQuotaTemporary
                        ? Reply.of(452, "4.2.2", "Mailbox full, try again later")
                        : Reply.of(552, "5.2.2", "Mailbox full"), "over_quota");
            case TOO_BIG:
                return tooBig();
            case REJECTED:
                String reason = g instanceof GannetException.Rejected r ? printable(r.reason()) : "";
                return new Outcome(Reply.of(550, "5.7.1", reason.isEmpty() ? "Message refused" : reason),
                        "plugin_rejected");
            case INVALID:
                return new Outcome(Reply.of(550, "5.6.0", "Message refused as malformed"), "invalid");
            case NOT_FOUND:
            case UNAVAILABLE:
            case CONFLICT:
            case ALREADY_EXISTS:
            case AUTH_FAILED:
                return UNAVAILABLE;
            default:
                return UNAVAILABLE;
        }
    }

    public static Outcome tooBig() {
        return new Outcome(Reply.of(552, "5.3.4", "Message size exceeds fixed maximum message size"), "too_big");
    }

    /** A plugin's reason on one line of printable ASCII, so it cannot break the reply framing. */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 400; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : ' ');
        }
        return sb.toString().strip();
    }
}
