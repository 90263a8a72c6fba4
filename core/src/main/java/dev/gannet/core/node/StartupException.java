package dev.gannet.core.node;

/**
 * The node cannot start: a port in use, a locked or corrupt store, an unreachable MongoDB or Redis, bad
 * TLS material. The message is one line for the operator; the launcher prints it and exits with 1.
 */
public final class StartupException extends RuntimeException {
    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }

    public StartupException(String message) {
        super(message);
    }
}
