package dev.gannet.api.updates;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gannet.api.Json;
import dev.gannet.core.store.JournalEntry;
import dev.gannet.core.store.JournalPage;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.ModSeq;
import dev.gannet.core.store.Uid;
import dev.gannet.core.store.UserEvent;
import dev.gannet.core.store.UserId;
import io.javalin.http.sse.SseClient;

import java.time.Duration;
import java.util.List;

/**
 * Reads one user's journal from a {@link StreamPosition} and sends what is new as SSE events, WildDuck
 * style: event {@code message}, JSON data with a {@code command} (EXISTS, EXPUNGE, FETCH for flag changes,
 * CREATE, RENAME, DELETE, SUBSCRIBE, UNSUBSCRIBE, or RESYNC when the journal was trimmed past the
 * position). Called on one thread at a time by its stream.
 */
final class JournalFeed {

    /** One event's data; fields that do not apply are null. */
    record Update(String command, String mailbox, String path, String oldPath, Long modseq, List<Long> uids) {
    }

    private static final Duration WAIT = Duration.ofMinutes(1);

    private final MailStore store;
    private final UserId user;
    private final SseClient client;
    private StreamPosition pos;
    private boolean announced;

    JournalFeed(MailStore store, UserId user, SseClient client, StreamPosition from) {
        this.store = store;
        this.user = user;
        this.client = client;
        this.pos = from;
    }

    void catchUp() {
        List<Mailbox> boxes = store.mailboxes().list(user).collectList().block(WAIT);
        if (pos == null) {
            pos = new StreamPosition();
            for (Mailbox m : boxes) {
                pos.modseqs.put(m.id().value(), m.highestModseq().value());
            }
            List<UserEvent> all = store.journal().userChangesSince(user, 0).block(WAIT);
            pos.userSeq = all == null || all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
        } else {
            userEvents();
            for (Mailbox m : boxes) {
                mailbox(m);
            }
        }
        if (!announced) {
            announced = true;
            client.sendComment("connected");
        }
    }

    private void userEvents() {
        List<UserEvent> events = store.journal().userChangesSince(user, pos.userSeq).block(WAIT);
        for (UserEvent e : events == null ? List.<UserEvent>of() : events) {
            pos.userSeq = e.seq();
            if (e.kind() == UserEvent.Kind.SKIPPED || e.kind() == UserEvent.Kind.METADATA || e.mailbox() == null) {
                continue;
            }
            String id = e.mailbox().value();
            if (e.kind() == UserEvent.Kind.DELETED) {
                pos.modseqs.remove(id);
            } else {
                pos.modseqs.putIfAbsent(id, 0L);
            }
            String command = e.kind() == UserEvent.Kind.CREATED ? "CREATE" : e.kind().name().equals("RENAMED") ? "RENAME"
                    : e.kind() == UserEvent.Kind.DELETED ? "DELETE" : e.kind().name();
            send(new Update(command, id, e.name() == null ? null : e.name().path(),
                    e.oldName().map(n -> n.path()).orElse(null), null, null));
        }
    }

    private void mailbox(Mailbox m) {
        String id = m.id().value();
        long at = pos.modseqs.getOrDefault(id, 0L);
        pos.modseqs.putIfAbsent(id, at);
        if (m.highestModseq().value() <= at) {
            return;
        }
        JournalPage page = store.journal().changesSince(m.id(), ModSeq.of(at)).block(WAIT);
        if (page == null) {
            return;
        }
        if (page.resyncNeeded()) {
            pos.modseqs.put(id, page.upTo().value());
            send(new Update("RESYNC", id, m.name().path(), null, page.upTo().value(), null));
            return;
        }
        for (JournalEntry e : page.entries()) {
            pos.modseqs.put(id, e.modseq().value());
            String command;
            switch (e.kind()) {
                case APPENDED:
                    command = "EXISTS";
                    break;
                case EXPUNGED:
                    command = "EXPUNGE";
                    break;
                case FLAGS:
                    command = "FETCH";
                    break;
                default:
                    continue;
            }
            send(new Update(command, id, m.name().path(), null, e.modseq().value(),
                    e.uids().stream().map(Uid::value).toList()));
        }
    }

    private void send(Update u) {
        try {
            client.sendEvent("message", Json.MAPPER.writeValueAsString(u), pos.id());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
