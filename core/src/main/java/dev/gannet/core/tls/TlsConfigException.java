package dev.gannet.core.tls;

/**
 * The configured TLS material cannot be used. The message is one line naming the setting and file and
 * what is wrong with it, so that the launcher can print it and exit without a stack trace; it never
 * contains key material.
 */
public final class TlsConfigException extends RuntimeException {

    public TlsConfigException(String message) {
        super(oneLine(message));
    }

    public TlsConfigException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
