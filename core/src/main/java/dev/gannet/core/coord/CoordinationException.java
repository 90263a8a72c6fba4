package dev.gannet.core.coord;

/**
 * Coordination could not be set up (bad {@code redis.uri}, Redis unreachable at start). The message is
 * one line, safe to print to an operator: it never contains a password from the uri.
 */
public final class CoordinationException extends RuntimeException {

    public CoordinationException(String message, Throwable cause) {
        super(message, cause);
    }
}
