package dev.gannet.lmtp.protocol;

/** A command line that does not parse; carries the reply the client gets (500, 501 or 555). */
public final class SyntaxError extends Exception {

    private static final long serialVersionUID = 1L;
    private final transient Reply reply;

    public SyntaxError(Reply reply) {
        super(reply.summary(), null, false, false);
        this.reply = reply;
    }

    public Reply reply() {
        return reply;
    }
}
