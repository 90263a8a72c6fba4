package dev.gannet.imap.session;

import dev.gannet.core.coord.ChangeSubscription;
import dev.gannet.core.coord.MailboxChange;
import dev.gannet.core.net.Connection;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.User;
import dev.gannet.imap.codec.RawCommand;
import dev.gannet.imap.protocol.MailboxNames;
import dev.gannet.imap.protocol.SequenceSet;
import dev.gannet.imap.protocol.SessionState;
import io.netty.channel.Channel;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of one IMAP connection (RFC 3501 §3): which state it is in, who logged in, what was ENABLEd,
 * and the continuation line a running command waits for (AUTHENTICATE, IDLE). Commands run one at a time,
 * so handlers change it without locks; fields are volatile because a command's steps may run on
 * different threads.
 */
public final class ImapSession {

    private final ImapServer server;
    private final Channel channel;
    private final Connection connection;
    private final Responder out;
    private final Set<String> enabled = ConcurrentHashMap.newKeySet();
    private volatile SessionState state = SessionState.NOT_AUTHENTICATED;
    private volatile User user;
    private volatile Sinks.One<RawCommand> continuation;
    private volatile Runnable discardPipelined = () -> { };
    private volatile SelectedMailbox selected;
    private volatile ChangeSubscription subscription;
    private volatile Disposable watching;
    private volatile Runnable changeListener;
    private volatile Runnable afterTagged;
    private final dev.gannet.imap.command.notify.NotifySession notifications =
            new dev.gannet.imap.command.notify.NotifySession(this);

    public ImapSession(ImapServer server, Channel channel, Connection connection) {
        this.server = server;
        this.channel = channel;
        this.connection = connection;
        this.out = new Responder(channel);
    }

    public ImapServer server() {
        return server;
    }

    public MailStore store() {
        return server.store();
    }

    public Responder out() {
        return out;
    }

    public Channel channel() {
        return channel;
    }

    public Connection connection() {
        return connection;
    }

    public SessionState state() {
        return state;
    }

    public void state(SessionState s) {
        state = s;
    }

    public User user() {
        return user;
    }

    public boolean isTls() {
        return connection != null && connection.isTls();
    }

    /** LOGIN and AUTHENTICATE are allowed over TLS, from loopback, or everywhere if configured so. */
    public boolean plaintextAllowed() {
        return server.options().allowPlaintextAuth() || isTls() || (connection != null && connection.isLoopback());
    }

    public List<String> capabilities() {
        return Capabilities.of(state, isTls(), plaintextAllowed(), server.options().appendLimit(),
                server.options().literalPlus());
    }

    public String capabilityLine() {
        return "CAPABILITY " + String.join(" ", capabilities());
    }

    /**
     * Moves to the authenticated state as {@code u}; false if the user already has the maximum number
     * of connections on this node.
     */
    public boolean loggedIn(User u) {
        if (!server.userConnections().acquire(u.id())) {
            return false;
        }
        user = u;
        state = SessionState.AUTHENTICATED;
        return true;
    }

    public SelectedMailbox selected() {
        return selected;
    }

    /** Enters the selected state with {@code mailbox}. */
    public void select(SelectedMailbox mailbox) {
        selected = mailbox;
        state = SessionState.SELECTED;
    }

    /** Leaves the selected state (CLOSE, UNSELECT, a failed SELECT). */
    public void deselect() {
        selected = null;
        if (state == SessionState.SELECTED) {
            state = SessionState.AUTHENTICATED;
        }
    }

    /**
     * The UIDs a FETCH/STORE/COPY set names in the session's view: sequence numbers are mapped (null if one
     * is beyond EXISTS), UID ranges are intersected with the view ({@code *} is the highest UID); {@code $} is
     * the saved search result (RFC 5182).
     */
    public long[] resolve(SequenceSet set, boolean byUid) {
        SelectedMailbox sel = selected;
        if (set.isSaved()) {
            return sel.savedResult();
        }
        if (byUid) {
            return sel.uidsInRanges(set.resolve(sel.maxUid()));
        }
        return sel.uidsForSequences(set.resolve(sel.exists()));
    }

    /**
     * Listens for this user's mailbox changes (once per session), so the selected mailbox learns of other
     * sessions' changes; completes when the subscription is live, before the journal is read.
     */
    public Mono<Void> watch() {
        if (subscription != null) {
            return Mono.empty();
        }
        return server.node().coordination().notifier().subscribe(user.id().value()).doOnNext(sub -> {
            subscription = sub;
            watching = sub.changes().subscribe(this::onChange, e -> { });
        }).then();
    }

    /** The session's NOTIFY state (RFC 5465), idle until NOTIFY SET. */
    public dev.gannet.imap.command.notify.NotifySession notifications() {
        return notifications;
    }

    private void onChange(MailboxChange change) {
        SelectedMailbox sel = selected;
        if (sel != null && sel.id().value().equals(change.mailboxId())) {
            sel.rang(change.modseq());
            Runnable l = changeListener;
            if (l != null) {
                l.run();
            }
        }
        notifications.rang(change); // after the view knows it is dirty: the NOTIFY worker may sync it at once
    }

    /** Called on every change to the selected mailbox (IDLE); null to stop. */
    public void onSelectedChange(Runnable listener) {
        changeListener = listener;
    }

    /** True once CONDSTORE is enabled (RFC 7162 §3.1): untagged FETCH then carry MODSEQ. */
    public boolean condstore() {
        return isEnabled("CONDSTORE");
    }

    /**
     * True once the client has enabled UTF8=ACCEPT (RFC 6855) or IMAP4rev2, whose mailbox names and quoted
     * strings are UTF-8 (RFC 9051 §5.1, §4.3): names and strings are UTF-8.
     */
    public boolean utf8() {
        return isEnabled("UTF8=ACCEPT") || imap4rev2();
    }

    /** True once the client has enabled IMAP4rev2 (RFC 9051 §6.3.1): the session answers as RFC 9051 has it. */
    public boolean imap4rev2() {
        return isEnabled("IMAP4rev2");
    }

    /** The client's mailbox argument as a store name. */
    /**
     * The mailbox a client named. A name that is not valid modified UTF-7 is a well-formed command naming no
     * mailbox, so it answers NO (as Dovecot does), not BAD.
     */
    public MailboxName mailboxName(String wire) {
        try {
            return MailboxNames.decode(wire, utf8());
        } catch (dev.gannet.imap.protocol.ImapParseException e) {
            throw new ImapNo(null, "Mailbox name is not valid modified UTF-7");
        }
    }

    public boolean isEnabled(String extension) {
        return enabled.contains(extension.toUpperCase(Locale.ROOT));
    }

    public void enable(String extension) {
        enabled.add(extension.toUpperCase(Locale.ROOT));
    }

    /** Runs {@code r} on the event loop right after this command's tagged response is written (COMPRESS). */
    public void afterTagged(Runnable r) {
        afterTagged = r;
    }

    Runnable takeAfterTagged() {
        Runnable r = afterTagged;
        afterTagged = null;
        return r;
    }

    /** The next line the client sends, delivered to the running command instead of being parsed. */
    public Mono<RawCommand> readContinuation() {
        Sinks.One<RawCommand> sink = Sinks.one();
        continuation = sink;
        return sink.asMono();
    }

    /** Hands {@code raw} to a command waiting for a continuation line; false if none waits. */
    public boolean offerContinuation(RawCommand raw) {
        Sinks.One<RawCommand> sink = continuation;
        if (sink == null) {
            return false;
        }
        continuation = null;
        sink.tryEmitValue(raw);
        return true;
    }

    public boolean awaitingContinuation() {
        return continuation != null;
    }

    void onDiscardPipelined(Runnable r) {
        discardPipelined = r;
    }

    /** Drops input received but not yet executed (after STARTTLS). */
    public void discardPipelined() {
        discardPipelined.run();
    }

    /** Releases what the session holds; called once when the connection closes. */
    void closed() {
        Sinks.One<RawCommand> sink = continuation;
        continuation = null;
        if (sink != null) {
            sink.tryEmitError(new IllegalStateException("connection closed"));
        }
        Disposable w = watching;
        if (w != null) {
            w.dispose();
        }
        ChangeSubscription sub = subscription;
        if (sub != null) {
            sub.close();
        }
        selected = null;
        User u = user;
        user = null;
        if (u != null) {
            server.userConnections().release(u.id());
        }
        state = SessionState.LOGOUT;
    }
}
