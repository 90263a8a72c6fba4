package dev.gannet.core.error;

import java.util.Objects;

/**
 * The one exception family that crosses the {@code core} boundary (STYLE.md habit 7). It is sealed so that
 * each protocol's single error mapper can switch over it exhaustively; the message is for logs only and
 * never reaches a client, which sees only what the mapper derives from {@link #code()}.
 */
public abstract sealed class GannetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    GannetException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    /** True for failures a client should retry later (storage down, plugin timeout). */
    public boolean temporary() {
        return code == ErrorCode.UNAVAILABLE || code == ErrorCode.CONFLICT;
    }

    public static NotFound notFound(String what) {
        return new NotFound(what);
    }

    public static AlreadyExists alreadyExists(String what) {
        return new AlreadyExists(what);
    }

    public static Invalid invalid(String why) {
        return new Invalid(why);
    }

    public static Unavailable unavailable(String why, Throwable cause) {
        return new Unavailable(why, cause);
    }

    public static Conflict conflict(String why) {
        return new Conflict(why);
    }

    /** The object asked for does not exist. */
    public static final class NotFound extends GannetException {
        private static final long serialVersionUID = 1L;

        public NotFound(String what) {
            super(ErrorCode.NOT_FOUND, what, null);
        }
    }

    /** A unique name is already taken. */
    public static final class AlreadyExists extends GannetException {
        private static final long serialVersionUID = 1L;

        public AlreadyExists(String what) {
            super(ErrorCode.ALREADY_EXISTS, what, null);
        }
    }

    /** The user's quota would be exceeded; carries the figures for the protocol's message. */
    public static final class OverQuota extends GannetException {
        private static final long serialVersionUID = 1L;
        private final long used;
        private final long limit;

        public OverQuota(long used, long limit, long requested) {
            super(ErrorCode.OVER_QUOTA, "over quota: used " + used + " + " + requested + " > limit " + limit, null);
            this.used = used;
            this.limit = limit;
        }

        public long used() {
            return used;
        }

        public long limit() {
            return limit;
        }
    }

    /** A size limit was exceeded. */
    public static final class TooBig extends GannetException {
        private static final long serialVersionUID = 1L;

        public TooBig(String what) {
            super(ErrorCode.TOO_BIG, what, null);
        }
    }

    /** Storage failure or timeout: a temporary failure for the client. */
    public static final class Unavailable extends GannetException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String why, Throwable cause) {
            super(ErrorCode.UNAVAILABLE, why, cause);
        }
    }

    /** A plugin rejected the message; {@link #reason()} may be shown to the sender. */
    public static final class Rejected extends GannetException {
        private static final long serialVersionUID = 1L;
        private final String reason;

        public Rejected(String plugin, String reason) {
            super(ErrorCode.REJECTED, "rejected by " + plugin + ": " + reason, null);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** The request breaks a rule. */
    public static final class Invalid extends GannetException {
        private static final long serialVersionUID = 1L;

        public Invalid(String why) {
            super(ErrorCode.INVALID, why, null);
        }
    }

    /** A concurrent change won. */
    public static final class Conflict extends GannetException {
        private static final long serialVersionUID = 1L;

        public Conflict(String why) {
            super(ErrorCode.CONFLICT, why, null);
        }
    }

    /** Authentication failed; deliberately says no more than that. */
    public static final class AuthFailed extends GannetException {
        private static final long serialVersionUID = 1L;

        public AuthFailed() {
            super(ErrorCode.AUTH_FAILED, "authentication failed", null);
        }
    }
}
