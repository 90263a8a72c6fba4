package dev.gannet.server.concurrency;

/**
 * A session can no longer go on: the server answered BAD or BYE, sent a response outside the grammar, or
 * stalled past the socket timeout. The invariant names which; the message carries the evidence.
 */
final class ProtocolFailure extends RuntimeException {

    private final String invariant;

    ProtocolFailure(String invariant, String evidence) {
        super(evidence);
        this.invariant = invariant;
    }

    String invariant() {
        return invariant;
    }
}
