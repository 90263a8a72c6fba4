package dev.gannet.lmtp.command.mail;

import dev.gannet.lmtp.protocol.LmtpCommand;
import dev.gannet.lmtp.protocol.Reply;

/**
 * MAIL FROM (RFC 5321 §4.1.1.2) with SIZE (RFC 1870 §6: a declared size over the limit is refused at once
 * with 552 5.3.4), BODY (RFC 6152) and SMTPUTF8 (RFC 6531). The reverse path is taken as the MTA gives
 * it: it has already accepted the message, and it becomes Return-Path.
 */
public final class MailHandler {

    public static final Reply OK = Reply.of(250, "2.1.0", "Sender OK");

    private final long maxMessageSize;

    public MailHandler(long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /** Null when the sender is accepted, else the refusal. */
    public Reply refusal(LmtpCommand.Mail command) {
        if (command.size() > maxMessageSize) {
            return Reply.of(552, "5.3.4", "Message size exceeds fixed maximum message size of " + maxMessageSize);
        }
        return null;
    }
}
