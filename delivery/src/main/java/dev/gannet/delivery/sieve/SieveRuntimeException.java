package dev.gannet.delivery.sieve;

/** A script failed while running: a limit passed, incompatible actions, a regex over its budget. */
final class SieveRuntimeException extends RuntimeException {

    private final int line;

    SieveRuntimeException(int line, String reason) {
        super(reason, null, false, false);
        this.line = line;
    }

    int line() {
        return line;
    }
}
