package dev.gannet.pop3.protocol;

/**
 * A POP3-level refusal: the text of an {@code -ERR} reply and, where RFC 2449 §8 or RFC 3206 defines
 * one, its extended response code ({@code IN-USE}, {@code AUTH}, {@code SYS/TEMP}, ...). The message is
 * written to the client as is, so it must never carry a password or internal detail.
 */
public final class Pop3Exception extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public Pop3Exception(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public Pop3Exception(String message) {
        this(null, message);
    }

    /** The response code without brackets, or null. */
    public String code() {
        return code;
    }

    /** The reply line without CRLF. */
    public String replyLine() {
        return code == null ? "-ERR " + getMessage() : "-ERR [" + code + "] " + getMessage();
    }

    public static Pop3Exception noSuchMessage() {
        return new Pop3Exception("no such message");
    }
}
