package dev.gannet.delivery.sieve;

/**
 * A script that cannot run: bad syntax, an unknown command or test, a missing {@code require}, a wrong
 * argument, a limit passed. {@link #line()} is the 1-based line the problem was found on; the message is
 * meant for the script's author (ManageSieve CHECKSCRIPT/PUTSCRIPT, the API).
 */
public final class SieveSyntaxException extends Exception {

    private final int line;
    private final String reason;

    public SieveSyntaxException(int line, String reason) {
        super("line " + line + ": " + reason);
        this.line = line;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    /** The message without the line number. */
    public String reason() {
        return reason;
    }
}
