package dev.gannet.lmtp.session;

import dev.gannet.core.tls.TlsMaterial;
import dev.gannet.lmtp.LmtpOptions;
import dev.gannet.lmtp.command.hello.LhloHandler;
import dev.gannet.lmtp.command.mail.MailHandler;
import dev.gannet.lmtp.command.rcpt.RcptHandler;
import dev.gannet.lmtp.delivery.Deliverer;

/** What every LMTP session of a listener shares: options, the command handlers, delivery and TLS. */
public record LmtpServices(LmtpOptions options, LhloHandler lhlo, MailHandler mail, RcptHandler rcpt,
        Deliverer deliverer, TlsMaterial tls) {
}
