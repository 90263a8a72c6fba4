package dev.gannet.imap.session;

/**
 * Thrown by a handler to end its command with a specific NO or BAD (e.g. {@code NO [TRYCREATE]}), where the
 * store's error alone does not say which response code RFC 3501 wants in that context.
 */
public final class ImapNo extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient Tagged response;

    public ImapNo(String code, String text) {
        this(Tagged.no(code, text));
    }

    public ImapNo(Tagged response) {
        super(response.text(), null, false, false);
        this.response = response;
    }

    public Tagged response() {
        return response;
    }
}
