package dev.gannet.imap.command.starttls;

import dev.gannet.core.net.StartTls;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

/**
 * STARTTLS (RFC 3501 §6.2.1): drops whatever the client pipelined after the command (it was sent in
 * plain text and must not run inside the TLS session), installs TLS, and the tagged OK that follows is
 * the last plain-text byte written.
 */
public final class StartTlsHandler {

    private StartTlsHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.StartTls c, ImapSession s) {
        if (StartTls.active(s.channel())) {
            return Mono.just(Tagged.bad("TLS is already active"));
        }
        s.discardPipelined();
        StartTls.begin(s.channel(), s.server().node().tls());
        return Mono.just(Tagged.ok("Begin TLS negotiation now"));
    }
}
