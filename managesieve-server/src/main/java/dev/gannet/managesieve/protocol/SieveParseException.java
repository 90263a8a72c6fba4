package dev.gannet.managesieve.protocol;

/** A command line that does not follow RFC 5804's grammar; answered NO with this message. */
public final class SieveParseException extends RuntimeException {

    public SieveParseException(String message) {
        super(message, null, false, false);
    }
}
