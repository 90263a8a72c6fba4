package dev.gannet.imap.session;

/**
 * The tagged status response that completes a command (RFC 3501 §7.1): OK, NO or BAD with an optional
 * response code. {@code closeAfter} makes the session close the connection once it is written (LOGOUT).
 */
public record Tagged(String status, String code, String text, boolean closeAfter) {

    public static Tagged ok(String text) {
        return new Tagged("OK", null, text, false);
    }

    public static Tagged ok(String code, String text) {
        return new Tagged("OK", code, text, false);
    }

    public static Tagged no(String code, String text) {
        return new Tagged("NO", code, text, false);
    }

    public static Tagged bad(String text) {
        return new Tagged("BAD", null, text, false);
    }

    public Tagged thenClose() {
        return new Tagged(status, code, text, true);
    }

    /** The response line for {@code tag}, without CRLF. */
    public String line(String tag) {
        return tag + " " + status + (code == null ? "" : " [" + code + "]") + " " + text;
    }
}
