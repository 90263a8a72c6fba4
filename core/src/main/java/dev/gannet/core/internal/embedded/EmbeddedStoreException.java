package dev.gannet.core.internal.embedded;

/** The embedded store could not start; the message is one line fit for an operator. */
public final class EmbeddedStoreException extends RuntimeException {
    public EmbeddedStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
