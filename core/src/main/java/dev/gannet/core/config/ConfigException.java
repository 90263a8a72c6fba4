package dev.gannet.core.config;

/**
 * The configuration cannot be used: an unknown key, a value of the wrong type, an unreadable file. The
 * message is one line that names the key (or file) and what was wrong; the launcher prints it and exits
 * with status 2.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
