package dev.gannet.delivery.outbound;

/**
 * What the sender calls on a message's exact bytes just before each attempt (DKIM signing: the submit
 * work's {@code dev.gannet.delivery.dkim} signer plugs in here). It returns the bytes to send, e.g. the
 * message with a {@code DKIM-Signature} header prepended; it must not change anything else.
 */
@FunctionalInterface
public interface OutboundSigner {

    /** Signs nothing. */
    OutboundSigner NONE = (message, envelopeFrom) -> message;

    /** @param envelopeFrom the queued envelope sender (before SRS), {@code ""} for the null sender */
    byte[] sign(byte[] message, String envelopeFrom);
}
