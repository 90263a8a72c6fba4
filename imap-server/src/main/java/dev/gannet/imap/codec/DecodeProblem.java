package dev.gannet.imap.codec;

/**
 * A command the decoder refused before the session saw it: a literal over the limit (RFC 7888 §4,
 * RFC 7889 TOOBIG) or a line too long. {@code tag} is null when the tag could not be read;
 * {@code close} asks the session to say BYE and close, because the rest of the input cannot be trusted.
 */
public record DecodeProblem(String tag, String status, String code, String text, boolean close) {
}
