package dev.gannet.pop3.session;

import dev.gannet.core.node.NodeContext;
import dev.gannet.core.metrics.Meters;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.User;
import dev.gannet.pop3.Pop3Config;
import dev.gannet.pop3.auth.LoginService;
import dev.gannet.pop3.maildrop.Maildrop;
import dev.gannet.pop3.maildrop.MaildropCommands;
import dev.gannet.pop3.maildrop.MaildropLock;
import dev.gannet.pop3.protocol.Pop3Command;
import dev.gannet.pop3.protocol.Pop3Exception;
import dev.gannet.pop3.protocol.Pop3State;
import dev.gannet.pop3.protocol.Reply;
import dev.gannet.pop3.protocol.SaslPlain;
import dev.gannet.pop3.retrieve.Retrieval;
import dev.gannet.pop3.update.UpdateState;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs each command against the session (RFC 1939 §4-§7, RFC 2449 §5, RFC 2595 §4, RFC 5034 §4): the
 * one place where a parsed command meets its handler. The caller has already checked that the command
 * is legal in the current state. State changes that follow a store call are made on the connection's
 * event loop ({@code loop}).
 */
final class Dispatcher implements Pop3Command.Visitor<Mono<Reply>> {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Pop3Session session;
    private final NodeContext context;
    private final Pop3Config config;
    private final Peer peer;
    private final EventExecutor executor;
    private final Scheduler loop;
    private final LoginService logins;
    private final Retrieval retrieval;
    private final UpdateState update;

    /** What the dispatcher needs to know about the connection. */
    interface Peer {
        boolean tls();

        boolean loopback();

        /** The client's address for throttling, without port. */
        String address();

        /** Unique per session, for the maildrop lock's owner. */
        String sessionId();

        /** Ends the session at once (the maildrop lock was lost). */
        void abort();
    }

    Dispatcher(Pop3Session session, NodeContext context, Pop3Config config, Peer peer, EventExecutor executor) {
        this.session = session;
        this.context = context;
        this.config = config;
        this.peer = peer;
        this.executor = executor;
        this.loop = Schedulers.fromExecutor(executor);
        this.logins = new LoginService(dev.gannet.core.auth.LoginService.from(context),
                config.authFailureDelay(), config.authFailureLimit(), Meters.authFailures(context.metrics(), "pop3"));
        this.retrieval = new Retrieval(context.store().messages());
        this.update = new UpdateState(context.store(), config.markSeen(), config.moveToTrash());
    }

    /** RFC 2595 §3.1: plaintext credentials only over TLS, from loopback, or when configured. */
    boolean plaintextAllowed() {
        return peer.tls() || peer.loopback() || config.allowPlaintextAuth();
    }

    private void requirePlaintextAllowed() {
        if (!plaintextAllowed()) {
            throw new Pop3Exception("AUTH", "plaintext authentication disallowed on non-secure connections; use STLS");
        }
    }

    @Override
    public Mono<Reply> user(Pop3Command.User c) {
        requirePlaintextAllowed();
        session.pendingUser(c.name());
        return Mono.just(Reply.ok("send PASS"));
    }

    @Override
    public Mono<Reply> pass(Pop3Command.Pass c) {
        requirePlaintextAllowed();
        String user = session.takePendingUser();
        if (user == null) {
            throw new Pop3Exception("USER first");
        }
        return login(user, c.password());
    }

    @Override
    public Mono<Reply> auth(Pop3Command.Auth c) {
        if (c.mechanism().isEmpty()) {
            return Mono.just(Reply.lines("methods supported", () -> List.of("PLAIN").iterator()));
        }
        if (!c.mechanism().get().toUpperCase(Locale.ROOT).equals("PLAIN")) {
            throw new Pop3Exception("unsupported authentication mechanism");
        }
        requirePlaintextAllowed();
        if (c.initialResponse().isPresent()) {
            SaslPlain.Credentials credentials = SaslPlain.decode(c.initialResponse().get());
            return login(credentials.username(), credentials.password());
        }
        session.awaitingSasl(true);
        return Mono.just(new Reply.Line("+ ", false));
    }

    /** The client's line after the "+ " challenge of AUTH PLAIN; "*" cancels (RFC 5034 §4). */
    Mono<Reply> saslResponse(String line) {
        session.awaitingSasl(false);
        if (line.equals("*")) {
            return Mono.just(Reply.err("authentication cancelled"));
        }
        SaslPlain.Credentials credentials = SaslPlain.decode(line);
        return login(credentials.username(), credentials.password());
    }

    private Mono<Reply> login(String username, String password) {
        return logins.login(username, password, peer.address(), peer.sessionId()).flatMap(this::openMaildrop);
    }

    /** RFC 1939 §4: lock the maildrop, then take the snapshot; the lock is freed again on any failure. */
    private Mono<Reply> openMaildrop(User user) {
        String owner = context.hostname() + "/" + peer.sessionId();
        return context.store().mailboxes().get(user.id(), MailboxName.INBOX)
                .switchIfEmpty(Mono.error(() -> new Pop3Exception("SYS/PERM", "the maildrop does not exist")))
                .flatMap(inbox -> MaildropLock.acquire(context.coordination().locks(), inbox.id(), owner, config.lockLease())
                        .switchIfEmpty(Mono.error(() -> new Pop3Exception("IN-USE", "maildrop already in use by another session")))
                        .flatMap(lock -> Maildrop.load(context.store().messages(), inbox, config.maxMessages())
                                .publishOn(loop)
                                .map(drop -> enter(user, drop, lock))
                                .onErrorResume(e -> lock.releaseAndWait().then(Mono.error(e)))));
    }

    private Reply enter(User user, Maildrop drop, MaildropLock lock) {
        if (!session.authorized(user, drop, lock)) {
            lock.release();
            return Reply.err("connection closed");
        }
        lock.keepAlive(executor, peer::abort);
        return Reply.ok("maildrop has " + drop.liveCount() + " messages (" + drop.liveOctets() + " octets)");
    }

    @Override
    public Mono<Reply> stls(Pop3Command.Stls c) {
        if (peer.tls()) {
            throw new Pop3Exception("already using TLS");
        }
        return Mono.just(new Reply.StartTls());
    }

    @Override
    public Mono<Reply> capa(Pop3Command.Capa c) {
        List<String> caps = new ArrayList<>(List.of("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING"));
        if (session.state() == Pop3State.AUTHORIZATION) {
            if (plaintextAllowed()) {
                caps.add("USER");
                caps.add("SASL PLAIN");
            }
            if (!peer.tls()) {
                caps.add("STLS");
            }
        }
        caps.add("IMPLEMENTATION Gannet");
        return Mono.just(Reply.lines("capability list follows", caps::iterator));
    }

    @Override
    public Mono<Reply> quit(Pop3Command.Quit c) {
        if (session.state() == Pop3State.AUTHORIZATION) {
            return Mono.just(new Reply.Line("+OK " + context.hostname() + " POP3 server signing off", true));
        }
        session.enterUpdate();
        Maildrop drop = session.maildrop();
        return update.apply(drop)
                .then(Mono.fromCallable(() -> (Reply) new Reply.Line("+OK " + context.hostname()
                        + " POP3 server signing off (" + drop.liveCount() + " messages left)", true)))
                .onErrorResume(e -> {
                    log.warn("UPDATE failed: {}", e.toString());
                    return Mono.just(new Reply.Line("-ERR [SYS/TEMP] some deleted messages not removed", true));
                })
                .publishOn(loop)
                .flatMap(r -> session.releaseLockAndWait().thenReturn(r))
                .publishOn(loop);
    }

    @Override
    public Mono<Reply> stat(Pop3Command.Stat c) {
        return Mono.just(MaildropCommands.stat(session.maildrop()));
    }

    @Override
    public Mono<Reply> list(Pop3Command.List c) {
        return Mono.just(MaildropCommands.list(session.maildrop(), c));
    }

    @Override
    public Mono<Reply> uidl(Pop3Command.Uidl c) {
        return Mono.just(MaildropCommands.uidl(session.maildrop(), c));
    }

    @Override
    public Mono<Reply> retr(Pop3Command.Retr c) {
        return retrieval.retr(session.maildrop(), c, loop);
    }

    @Override
    public Mono<Reply> top(Pop3Command.Top c) {
        return retrieval.top(session.maildrop(), c).publishOn(loop);
    }

    @Override
    public Mono<Reply> dele(Pop3Command.Dele c) {
        return Mono.just(MaildropCommands.dele(session.maildrop(), c));
    }

    @Override
    public Mono<Reply> rset(Pop3Command.Rset c) {
        return Mono.just(MaildropCommands.rset(session.maildrop()));
    }

    @Override
    public Mono<Reply> noop(Pop3Command.Noop c) {
        return Mono.just(Reply.ok(""));
    }
}
