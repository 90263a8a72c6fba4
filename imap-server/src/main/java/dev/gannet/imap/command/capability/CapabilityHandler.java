package dev.gannet.imap.command.capability;

import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

/** CAPABILITY (RFC 3501 §6.1.1): the list depends on the session's state and on TLS. */
public final class CapabilityHandler {

    private CapabilityHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Capability c, ImapSession s) {
        s.out().untagged(s.capabilityLine());
        return Mono.just(Tagged.ok("Capability completed"));
    }
}
