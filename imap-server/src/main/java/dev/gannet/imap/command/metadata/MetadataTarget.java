package dev.gannet.imap.command.metadata;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.MailboxId;
import dev.gannet.imap.protocol.MailboxNames;
import dev.gannet.imap.session.ImapSession;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * What a METADATA command names (RFC 5464 §3): the server, for the empty mailbox name, or one of the user's own
 * mailboxes, looked up under the logged-in user only, so no command reaches another user's entries.
 */
record MetadataTarget(Optional<MailboxId> mailbox, String wireName) {

    static Mono<MetadataTarget> resolve(ImapSession s, String mailbox) {
        if (mailbox.isEmpty()) {
            return Mono.just(new MetadataTarget(Optional.empty(), "\"\""));
        }
        return Mono.defer(() -> s.store().mailboxes().get(s.user().id(), s.mailboxName(mailbox)))
                .switchIfEmpty(Mono.error(() -> GannetException.notFound("mailbox")))
                .map(box -> new MetadataTarget(Optional.of(box.id()), MailboxNames.encode(box.name(), s.utf8())));
    }
}
