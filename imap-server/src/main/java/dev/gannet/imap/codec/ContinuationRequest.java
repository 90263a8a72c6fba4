package dev.gannet.imap.codec;

/**
 * The decoder accepted a synchronising literal's size (RFC 3501 §7.5) and needs the session to send a
 * command continuation request, at a point where no other response is half written.
 */
public enum ContinuationRequest {
    INSTANCE
}
