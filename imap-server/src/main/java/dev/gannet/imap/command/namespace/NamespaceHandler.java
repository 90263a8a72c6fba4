package dev.gannet.imap.command.namespace;

import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

/** NAMESPACE (RFC 2342): one personal namespace with an empty prefix and {@code /} as separator. */
public final class NamespaceHandler {

    private NamespaceHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Namespace c, ImapSession s) {
        s.out().untagged("NAMESPACE ((\"\" \"/\")) NIL NIL");
        return Mono.just(Tagged.ok("NAMESPACE completed"));
    }
}
