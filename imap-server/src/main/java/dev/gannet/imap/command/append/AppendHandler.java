package dev.gannet.imap.command.append;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Appended;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.Uid;
import dev.gannet.core.store.UidSet;
import dev.gannet.imap.codec.Fragment;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.protocol.ImapParseException;
import dev.gannet.imap.protocol.UidSets;
import dev.gannet.imap.session.ImapNo;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.SelectedMailbox;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * APPEND (RFC 3501 §6.3.11; RFC 4315 APPENDUID; RFC 7889 APPENDLIMIT, enforced by the decoder before a literal
 * is read) of one message or, with MULTIAPPEND (RFC 3502 §6.3.11), several, atomically: quota is checked for
 * the whole batch first, the messages are stored in order, and if one fails those already stored are expunged
 * before the command answers, so none is kept (the store has no multi-document transactions; a crash between
 * the two leaves messages a client sees as appended, never half a message). CATENATE messages (RFC 4469) are
 * joined first ({@link Catenation}). A missing mailbox answers {@code NO [TRYCREATE]}; appending to the selected
 * mailbox is then reported as EXISTS.
 */
public final class AppendHandler {

    private AppendHandler() {
    }

    /** One message ready to store, with the spool file (if any) the command made for it. */
    private record Ready(MessageSource source, Flags flags, java.time.Instant date) {
    }

    public static Mono<Tagged> handle(ImapCommand.Append c, ImapSession s) {
        List<Flags> flags = new ArrayList<>();
        for (AppendMessage m : c.messages()) {
            try {
                flags.add(Flags.parse(m.flags().stream().filter(f -> !f.equalsIgnoreCase("\\Recent")).toList()));
            } catch (GannetException e) {
                throw new ImapParseException("Invalid flag");
            }
        }
        long limit = s.server().options().appendLimit();
        List<Path> made = new ArrayList<>();
        return Mono.defer(() -> s.store().mailboxes().get(s.user().id(), s.mailboxName(c.mailbox())))
                .switchIfEmpty(Mono.error(() -> new ImapNo("TRYCREATE", "No such mailbox")))
                .flatMap(box -> Flux.range(0, c.messages().size())
                        .concatMap(i -> prepare(s, c.messages().get(i), flags.get(i), limit, made), 1)
                        .collectList()
                        .flatMap(ready -> {
                            if (ready.stream().anyMatch(r -> r.source().size() == 0)) {
                                return Mono.just(Tagged.no("CANNOT", "Cannot append an empty message"));
                            }
                            long total = ready.stream().mapToLong(r -> r.source().size()).sum();
                            return s.store().quota().check(s.user().id(), total)
                                    .then(storeAll(s, box, ready))
                                    .map(appended -> answer(s, box, appended));
                        }))
                .doFinally(x -> made.forEach(Catenation::delete));
    }

    private static Mono<Ready> prepare(ImapSession s, AppendMessage m, Flags flags, long limit, List<Path> made) {
        if (m.catenate()) {
            return Catenation.build(s, m.parts(), limit).map(file -> {
                made.add(file);
                return new Ready(MessageSource.of(file), flags, m.internalDate());
            });
        }
        Fragment data = ((AppendMessage.Literal) m.parts().get(0)).data();
        MessageSource source = data instanceof Fragment.Bytes b ? MessageSource.of(b.bytes())
                : MessageSource.of(((Fragment.Spooled) data).file());
        return Mono.just(new Ready(source, flags, m.internalDate()));
    }

    /** Stores the messages in order; if one fails, expunges those stored before answering with its error. */
    private static Mono<List<Appended>> storeAll(ImapSession s, Mailbox box, List<Ready> ready) {
        List<Appended> stored = new ArrayList<>();
        return Flux.fromIterable(ready)
                .concatMap(r -> s.store().messages().append(new AppendRequest(s.user().id(), box.id(), r.source(),
                        r.flags(), r.date(), AppendRequest.Origin.IMAP)).doOnNext(stored::add), 1)
                .then(Mono.fromSupplier(() -> List.copyOf(stored)))
                .onErrorResume(e -> {
                    if (stored.isEmpty()) {
                        return Mono.error(e);
                    }
                    List<Uid> uids = stored.stream().map(Appended::uid).toList();
                    return s.store().messages().expunge(box.id(), UidSet.of(uids))
                            .then(Mono.<List<Appended>>error(e))
                            .onErrorMap(undo -> undo != e, undo -> e);
                });
    }

    private static Tagged answer(ImapSession s, Mailbox box, List<Appended> appended) {
        SelectedMailbox sel = s.selected();
        if (sel != null && sel.id().equals(box.id())) {
            sel.markDirty();
        }
        long uidValidity = appended.get(0).uidValidity();
        String uids = UidSets.format(appended.stream().map(Appended::uid).toList());
        return Tagged.ok("APPENDUID " + uidValidity + " " + uids, "Append completed");
    }
}
