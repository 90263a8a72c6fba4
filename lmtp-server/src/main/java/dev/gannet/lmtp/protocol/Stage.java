package dev.gannet.lmtp.protocol;

/**
 * Where a session stands in the LMTP dialogue (RFC 2033 §4, RFC 5321 §4.1.4): before LHLO, between
 * transactions, after MAIL FROM, and once at least one RCPT TO was accepted. Which commands are legal in
 * which stage is declared on {@link LmtpCommand.Verb}.
 */
public enum Stage {
    CONNECTED, READY, MAIL, RCPT
}
