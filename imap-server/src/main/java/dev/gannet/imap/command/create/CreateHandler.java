package dev.gannet.imap.command.create;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.SpecialUse;
import dev.gannet.core.store.UserId;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.session.ImapNo;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Optional;

/**
 * CREATE (RFC 3501 §6.3.3): a trailing separator is dropped, and every missing superior name is created as
 * a real, selectable mailbox first ("create any superior hierarchical names"), so a later RENAME of the parent
 * moves its children. An existing name answers {@code NO [ALREADYEXISTS]} (RFC 5530). CREATE-SPECIAL-USE
 * (RFC 6154 §3): one special use per mailbox and one mailbox per special use per user; {@code \All} and
 * {@code \Flagged} name virtual mailboxes this server does not make, so those, unknown attributes, several at
 * once or a use already taken answer {@code NO [USEATTR]}. The OK carries the new mailbox's MAILBOXID (RFC 8474 §4.1).
 */
public final class CreateHandler {

    private static final List<SpecialUse> CREATABLE = List.of(SpecialUse.ARCHIVE, SpecialUse.DRAFTS,
            SpecialUse.JUNK, SpecialUse.SENT, SpecialUse.TRASH);

    private CreateHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Create c, ImapSession s) {
        return Mono.defer(() -> {
            MailboxName name = s.mailboxName(c.mailbox());
            Optional<SpecialUse> use = use(c.use());
            UserId user = s.user().id();
            // an existing name answers ALREADYEXISTS before the special use is looked at
            Mono<Void> taken = use.isEmpty() ? Mono.empty() : s.store().mailboxes().get(user, name)
                    .flatMap(m -> Mono.<Void>error(GannetException.alreadyExists("mailbox " + name)))
                    .then(s.store().mailboxes().bySpecialUse(user, use.get())
                            .flatMap(m -> Mono.error(new ImapNo("USEATTR", use.get().attribute() + " is used by another mailbox"))));
            return taken.then(superiors(s, user, name))
                    .then(s.store().mailboxes().create(user, name, use))
                    .onErrorResume(GannetException.AlreadyExists.class, e -> use.isEmpty() ? Mono.<Mailbox>error(e)
                            // the special use was taken concurrently unless the name itself exists
                            : s.store().mailboxes().get(user, name).flatMap(m -> Mono.<Mailbox>error(e))
                                    .then(Mono.<Mailbox>error(new ImapNo("USEATTR", use.get().attribute() + " is used by another mailbox"))));
        }).map(box -> Tagged.ok("MAILBOXID (" + box.id().value() + ")", "Create completed")); // RFC 8474 §4.1
    }

    /** Creates the missing superiors of {@code name}, top down; one created meanwhile by another session is fine. */
    public static Mono<Void> superiors(ImapSession s, UserId user, MailboxName name) {
        List<String> levels = name.levels();
        return Flux.range(1, levels.size() - 1)
                .map(i -> MailboxName.of(String.join("/", levels.subList(0, i))))
                .concatMap(p -> s.store().mailboxes().get(user, p)
                        .switchIfEmpty(Mono.defer(() -> s.store().mailboxes().create(user, p)
                                .onErrorResume(GannetException.AlreadyExists.class, e -> Mono.empty()))))
                .then();
    }

    private static Optional<SpecialUse> use(List<String> attrs) {
        if (attrs.isEmpty()) {
            return Optional.empty();
        }
        if (attrs.size() > 1) {
            throw new ImapNo("USEATTR", "A mailbox can have only one special use");
        }
        for (SpecialUse u : CREATABLE) {
            if (u.attribute().equalsIgnoreCase(attrs.get(0))) {
                return Optional.of(u);
            }
        }
        throw new ImapNo("USEATTR", "Cannot create a mailbox with special use " + attrs.get(0));
    }
}
