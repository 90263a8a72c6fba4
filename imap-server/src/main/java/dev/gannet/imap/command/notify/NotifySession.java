package dev.gannet.imap.command.notify;

import dev.gannet.core.coord.MailboxChange;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.UserEvent;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.command.fetch.FetchHandler;
import dev.gannet.imap.command.notify.NotifyRequest.Event;
import dev.gannet.imap.command.notify.NotifyRequest.Filter;
import dev.gannet.imap.command.notify.NotifyRequest.Group;
import dev.gannet.imap.protocol.MailboxNames;
import dev.gannet.imap.protocol.SequenceSet;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.SelectedMailbox;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The NOTIFY state of one session (RFC 5465 §3–§6) and the worker that sends its events between commands and
 * during IDLE. The user's change bell (one subscription per session) says which mailbox changed; the worker
 * then reads that one mailbox document by id and sends {@code * STATUS} (§5.1–5.4) when its counters moved,
 * reads the user's mailbox-list journal after the last event it reported and sends {@code * LIST} (§5.4–5.5),
 * and syncs the selected mailbox from its journal, EXPUNGE included unless the filter is selected-delayed.
 * Commands and the worker never write at the same time: each command holds the gate ({@link #lock}), and
 * the worker runs only when it can take it. More pending mailboxes or list events than the limits answer
 * {@code * OK [NOTIFICATIONOVERFLOW]} and end NOTIFY, as §5.8 allows.
 */
public final class NotifySession {

    /** The pseudo mailbox id the store rings for a user's mailbox-list journal. */
    static final String USER_STREAM = "user";
    static final int MAX_PENDING = 500;
    static final int MAX_LIST_EVENTS = 200;
    private static final int MAX_REMEMBERED = 10_000;

    private final ImapSession s;
    private volatile NotifyRequest request;
    private final Set<String> pending = new LinkedHashSet<>();
    private final Map<String, List<Long>> lastStatus = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Long>> e) {
            return size() > MAX_REMEMBERED;
        }
    };
    private volatile boolean userDirty;
    private volatile boolean selectedDirty;
    private volatile boolean overflow;
    private long userSeq;
    private boolean held;
    private final ArrayDeque<Sinks.Empty<Void>> waiters = new ArrayDeque<>();

    public NotifySession(ImapSession s) {
        this.s = s;
    }

    public NotifyRequest request() {
        return request;
    }

    /** Starts reporting {@code r} (null: NOTIFY NONE), with list events after {@code seq}. */
    void set(NotifyRequest r, long seq) {
        synchronized (this) {
            pending.clear();
            userSeq = seq;
            userDirty = false;
            overflow = false;
        }
        request = r;
    }

    void remember(Mailbox box) {
        synchronized (lastStatus) {
            lastStatus.put(box.id().value(), values(box));
        }
    }

    /** The selected/selected-delayed group, if NOTIFY asks for events of the selected mailbox. */
    public Group selectedGroup() {
        NotifyRequest r = request;
        if (r == null) {
            return null;
        }
        return r.groups().stream().filter(Group::selected).filter(g -> !g.events().isEmpty()).findFirst().orElse(null);
    }

    /** True when the worker, not IDLE or the end of a command, reports the selected mailbox's changes. */
    public boolean coversSelected() {
        return selectedGroup() != null;
    }

    /** A ring of the user's change bell. */
    public void rang(MailboxChange change) {
        if (request == null) {
            return;
        }
        SelectedMailbox sel = s.selected();
        synchronized (this) {
            if (change.mailboxId().equals(USER_STREAM)) {
                userDirty = true;
            } else if (sel != null && sel.id().value().equals(change.mailboxId())) {
                selectedDirty = true;
            } else if (pending.size() >= MAX_PENDING) {
                overflow = true;
            } else {
                pending.add(change.mailboxId());
            }
        }
        kick();
    }

    /** Waits until neither the worker nor another command writes, then holds the gate (a command begins). */
    public synchronized Mono<Void> lock() {
        if (!held) {
            held = true;
            return Mono.empty();
        }
        Sinks.Empty<Void> w = Sinks.empty();
        waiters.add(w);
        return w.asMono();
    }

    /** Releases the gate (a command ended, or IDLE began waiting) and lets the worker send what is pending. */
    public void unlock() {
        Sinks.Empty<Void> next;
        synchronized (this) {
            next = waiters.poll();
            if (next == null) {
                held = false;
            }
        }
        if (next != null) {
            next.tryEmitEmpty();
        } else {
            kick();
        }
    }

    private synchronized boolean tryLock() {
        if (held) {
            return false;
        }
        held = true;
        return true;
    }

    private synchronized boolean hasWork() {
        return request != null && (overflow || userDirty || !pending.isEmpty() || (selectedDirty && coversSelected() && s.selected() != null));
    }

    private void kick() {
        if (!hasWork() || !tryLock()) {
            return;
        }
        work().onErrorResume(e -> Mono.empty()).doFinally(sig -> {
            s.out().flush();
            unlock();
        }).subscribe();
    }

    private Mono<Void> work() {
        return Mono.defer(() -> {
            if (overflow) {
                request = null;
                overflow = false;
                s.out().untagged("OK [NOTIFICATIONOVERFLOW] Too many changes; NOTIFY is off");
                return Mono.empty();
            }
            return listEvents().then(statusEvents()).then(selectedEvents());
        });
    }

    private Mono<Void> listEvents() {
        if (!userDirty) {
            return Mono.empty();
        }
        userDirty = false;
        long after;
        synchronized (this) {
            after = userSeq;
        }
        return s.store().journal().userChangesSince(s.user().id(), after).flatMap(events -> {
            if (events.size() > MAX_LIST_EVENTS) {
                overflow = true;
                return work();
            }
            return Flux.fromIterable(events).concatMap(e -> {
                synchronized (this) {
                    userSeq = Math.max(userSeq, e.seq());
                }
                if (e.kind() == UserEvent.Kind.METADATA) {
                    return metadataLine(e).doOnNext(s.out()::untagged).then();
                }
                String line = listLine(e);
                if (line != null) {
                    s.out().untagged(line);
                }
                return Mono.<Void>empty();
            }, 1).then();
        });
    }

    /**
     * The unsolicited METADATA response naming the changed entries (RFC 5464 §4.4.2) for MailboxMetadataChange
     * (the mailbox's first group must ask for it) or ServerMetadataChange (any group but the selected one),
     * RFC 5465 §5.7 and §5.8. The mailbox is read by id for its name now and whether it is subscribed.
     */
    private Mono<String> metadataLine(UserEvent e) {
        NotifyRequest r = request;
        if (r == null || e.entries().isEmpty()) {
            return Mono.empty();
        }
        boolean utf8 = s.utf8();
        String entries = String.join(" ", e.entries().stream().map(n -> MailboxNames.astring(n, utf8)).toList());
        if (e.mailbox() == null) {
            boolean wanted = r.groups().stream().anyMatch(g -> !g.selected() && g.events().contains(Event.SERVER_METADATA_CHANGE));
            return wanted ? Mono.just("METADATA \"\" " + entries) : Mono.empty();
        }
        return s.store().mailboxes().byId(e.mailbox())
                .filter(box -> box.user().equals(s.user().id()))
                .flatMap(box -> {
                    Group g = first(r, box.name(), box.subscribed());
                    return g != null && g.events().contains(Event.MAILBOX_METADATA_CHANGE)
                            ? Mono.just("METADATA " + MailboxNames.encode(box.name(), utf8) + " " + entries) : Mono.empty();
                });
    }

    private String listLine(UserEvent e) {
        NotifyRequest r = request;
        if (r == null || e.name() == null) {
            return null;
        }
        boolean subscribed = e.kind() != UserEvent.Kind.CREATED;
        Event wanted = e.kind() == UserEvent.Kind.SUBSCRIBED || e.kind() == UserEvent.Kind.UNSUBSCRIBED
                ? Event.SUBSCRIPTION_CHANGE : Event.MAILBOX_NAME;
        Group g = first(r, e.name(), subscribed);
        if ((g == null || !g.events().contains(wanted)) && e.oldName().isPresent()) {
            g = first(r, e.oldName().get(), subscribed);
        }
        if (g == null || !g.events().contains(wanted)) {
            return null;
        }
        boolean utf8 = s.utf8();
        String name = MailboxNames.encode(e.name(), utf8);
        return switch (e.kind()) {
            case CREATED, UNSUBSCRIBED -> "LIST () \"/\" " + name;
            case SUBSCRIBED -> "LIST (\\Subscribed) \"/\" " + name;
            case DELETED -> "LIST (\\NonExistent) \"/\" " + name;
            case RENAMED -> "LIST () \"/\" " + name + " (\"OLDNAME\" ("
                    + MailboxNames.encode(e.oldName().orElse(e.name()), utf8) + "))";
            case METADATA, SKIPPED -> null;
        };
    }

    /** The first non-selected group whose filter covers the mailbox (RFC 5465 §6). */
    private static Group first(NotifyRequest r, dev.gannet.core.store.MailboxName name, boolean subscribed) {
        for (Group g : r.groups()) {
            if (g.covers(name, subscribed)) {
                return g;
            }
        }
        return null;
    }

    private Mono<Void> statusEvents() {
        List<String> ids;
        synchronized (this) {
            ids = List.copyOf(pending);
            pending.clear();
        }
        return Flux.fromIterable(ids).concatMap(id -> s.store().mailboxes().byId(new MailboxId(id))
                .doOnNext(this::status), 1).then();
    }

    private void status(Mailbox box) {
        NotifyRequest r = request;
        SelectedMailbox sel = s.selected();
        if (r == null || !box.user().equals(s.user().id()) || (sel != null && sel.id().equals(box.id()))) {
            return;
        }
        Group g = first(r, box.name(), box.subscribed());
        if (g == null || !g.events().contains(Event.MESSAGE_NEW)) {
            return;
        }
        List<Long> now = values(box);
        List<Long> before;
        synchronized (lastStatus) {
            before = lastStatus.put(box.id().value(), now);
        }
        boolean counts = before == null || !before.subList(0, 3).equals(now.subList(0, 3));
        boolean flags = before == null || !before.equals(now);
        if (counts || (flags && g.events().contains(Event.FLAG_CHANGE))) {
            s.out().untagged(statusLine(box));
        }
    }

    /** MESSAGES, UIDNEXT, UIDVALIDITY, UNSEEN, HIGHESTMODSEQ. */
    private static List<Long> values(Mailbox box) {
        return List.of(box.messages(), box.uidNext(), box.uidValidity(), box.unseen(), box.highestModseq().value());
    }

    /** The STATUS response of §5 (HIGHESTMODSEQ once CONDSTORE is on, RFC 7162 §3.2). */
    String statusLine(Mailbox box) {
        return "STATUS " + MailboxNames.encode(box.name(), s.utf8()) + " (MESSAGES " + box.messages() + " UIDNEXT "
                + box.uidNext() + " UIDVALIDITY " + box.uidValidity() + " UNSEEN " + box.unseen()
                + (s.condstore() ? " HIGHESTMODSEQ " + box.highestModseq().value() : "") + ")";
    }

    private Mono<Void> selectedEvents() {
        Group g = selectedGroup();
        SelectedMailbox sel = s.selected();
        if (!selectedDirty) {
            return Mono.empty();
        }
        selectedDirty = false; // also when the mailbox was closed meanwhile: nothing is left to send for it
        if (g == null || sel == null) {
            return Mono.empty();
        }
        long maxBefore = sel.maxUid();
        return sel.sync(s.store(), s.out(), g.filter() == Filter.SELECTED, false, s.condstore()).then(Mono.defer(() -> {
            long[] added = Arrays.stream(sel.uids()).filter(u -> u > maxBefore).toArray();
            if (added.length == 0 || g.fetch().isEmpty()) {
                return Mono.empty();
            }
            SequenceSet set = new SequenceSet(List.of(new SequenceSet.Range(added[0], added[added.length - 1])));
            return FetchHandler.handle(new ImapCommand.Fetch("*", true, set, g.fetch(), -1, false), s).then();
        }));
    }
}
