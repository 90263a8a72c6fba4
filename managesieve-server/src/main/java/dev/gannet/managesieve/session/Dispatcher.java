package dev.gannet.managesieve.session;

import dev.gannet.core.auth.LoginRequest;
import dev.gannet.core.auth.LoginResult;
import dev.gannet.core.auth.LoginService;
import dev.gannet.core.coord.RateLimit;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.metrics.Meters;
import dev.gannet.core.node.NodeContext;
import dev.gannet.core.store.SieveStore;
import dev.gannet.core.store.UserId;
import dev.gannet.delivery.scriptcheck.ScriptChecker;
import dev.gannet.delivery.scriptcheck.ScriptNames;
import dev.gannet.managesieve.ManageSieveConfig;
import dev.gannet.managesieve.protocol.Reply;
import dev.gannet.managesieve.protocol.Responses;
import dev.gannet.managesieve.protocol.SaslPlain;
import dev.gannet.managesieve.protocol.SieveCommand;
import dev.gannet.managesieve.protocol.SieveParseException;
import dev.gannet.managesieve.protocol.Token;
import io.micrometer.core.instrument.Counter;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Runs each command against the session (RFC 5804 §2): checks the state the command needs (data on its
 * {@link dev.gannet.managesieve.protocol.Verb}), then one exhaustive switch over the verb. Logins go through
 * core's login service as protocol {@code managesieve}: the account password, or an application-specific
 * password with scope {@code *} (ManageSieve is none of WildDuck's scopes); a user with a second factor needs an
 * ASP. Scripts go through {@link SieveStore}, checked by the delivery engine's {@link ScriptChecker} first.
 * Session state changes after a store call are made on the connection's event loop.
 */
final class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    static final Duration WINDOW = Duration.ofMinutes(15);

    /** What the dispatcher needs to know about the connection. */
    interface Peer {
        boolean tls();

        boolean loopback();

        String address();

        String sessionId();
    }

    private final SieveSession session;
    private final ManageSieveConfig config;
    private final ScriptChecker checker;
    private final Peer peer;
    private final Scheduler loop;
    private final SieveStore scripts;
    private final LoginService logins;
    private final RateLimit limit;
    private final Counter failures;

    Dispatcher(SieveSession session, NodeContext context, ManageSieveConfig config, ScriptChecker checker, Peer peer,
            EventExecutor executor) {
        this.session = session;
        this.config = config;
        this.checker = checker;
        this.peer = peer;
        this.loop = Schedulers.fromExecutor(executor);
        this.scripts = context.store().sieve();
        this.logins = LoginService.from(context);
        this.limit = config.authFailureLimit() > 0 ? new RateLimit(config.authFailureLimit(), WINDOW) : null;
        this.failures = Meters.authFailures(context.metrics(), "managesieve");
    }

    /** RFC 5804 §2.1 and RFC 4616 §4: PLAIN only over TLS, from loopback, or when configured. */
    boolean plainAllowed() {
        return peer.tls() || peer.loopback() || config.allowPlaintextAuth();
    }

    String capabilities() {
        return Capabilities.lines(plainAllowed(), peer.tls(), checker.extensions(), checker.maxRedirects(),
                session.user() == null ? null : session.user().username());
    }

    Mono<Reply> execute(SieveCommand c) {
        if (!c.verb().legalIn(session.state())) {
            return text(Responses.no(switch (session.state()) {
                case NOT_AUTHENTICATED -> "authenticate first";
                case AUTHENTICATED -> "already authenticated";
            }));
        }
        return switch (c.verb()) {
            case AUTHENTICATE -> authenticate((SieveCommand.Authenticate) c);
            case STARTTLS -> peer.tls() ? text(Responses.no("TLS is already active"))
                    : Mono.just(new Reply.StartTls(Responses.ok("begin TLS negotiation now")));
            case LOGOUT -> Mono.just(new Reply.Text(Responses.ok("logout completed"), true));
            case CAPABILITY -> text(capabilities() + Responses.ok("capability completed"));
            case NOOP -> text(((SieveCommand.Noop) c).tag().map(t -> Responses.ok(Responses.tag(t), "done"))
                    .orElse(Responses.ok("done")));
            case HAVESPACE -> haveSpace((SieveCommand.HaveSpace) c);
            case PUTSCRIPT -> putScript((SieveCommand.PutScript) c);
            case LISTSCRIPTS -> scripts.list(user()).map(s -> Responses.string(s.name()) + (s.active() ? " ACTIVE" : "") + "\r\n")
                    .reduce(new StringBuilder(), StringBuilder::append)
                    .map(sb -> (Reply) new Reply.Text(sb + Responses.ok("listscripts completed")));
            case SETACTIVE -> setActive((SieveCommand.SetActive) c);
            case GETSCRIPT -> {
                String name = name(((SieveCommand.GetScript) c).name());
                yield scripts.get(user(), name).map(s -> (Reply) new Reply.Text(Responses.literal(s.source()) + "\r\n"
                        + Responses.ok("getscript completed"))).switchIfEmpty(nonexistent());
            }
            case DELETESCRIPT -> scripts.delete(user(), name(((SieveCommand.DeleteScript) c).name()))
                    .flatMap(deleted -> deleted ? text(Responses.ok("deleted")) : nonexistent());
            case RENAMESCRIPT -> {
                SieveCommand.RenameScript r = (SieveCommand.RenameScript) c;
                yield scripts.rename(user(), name(r.from()), name(r.to())).then(text(Responses.ok("renamed")));
            }
            case CHECKSCRIPT -> check(((SieveCommand.CheckScript) c).script()).orElse(text(Responses.ok("script is valid")));
            case UNAUTHENTICATE -> {
                session.unauthenticated();
                yield text(Responses.ok("unauthenticated"));
            }
        };
    }

    private UserId user() {
        return session.user().id();
    }

    private static String name(String name) {
        String problem = ScriptNames.problem(name);
        if (problem != null) {
            throw new SieveParseException(problem);
        }
        return name;
    }

    private static Mono<Reply> text(String wire) {
        return Mono.just(new Reply.Text(wire));
    }

    private static Mono<Reply> nonexistent() {
        return text(Responses.no("NONEXISTENT", "there is no script of that name"));
    }

    private Mono<Reply> haveSpace(SieveCommand.HaveSpace c) {
        String name = name(c.name());
        if (c.size() > config.maxScriptSize()) {
            return text(Responses.no("QUOTA/MAXSIZE", "a script may have at most " + config.maxScriptSize() + " bytes"));
        }
        return scripts.list(user()).collectList().map(all -> {
            boolean exists = all.stream().anyMatch(s -> s.name().equals(name));
            return (Reply) new Reply.Text(!exists && all.size() >= SieveStore.MAX_SCRIPTS
                    ? Responses.no("QUOTA/MAXSCRIPTS", "a user may keep at most " + SieveStore.MAX_SCRIPTS + " scripts")
                    : Responses.ok("putscript would succeed"));
        });
    }

    private Mono<Reply> putScript(SieveCommand.PutScript c) {
        String name = name(c.name());
        return check(c.script()).orElse(scripts.put(user(), name, c.script())
                .then(text(Responses.ok("stored")))
                .onErrorResume(GannetException.Invalid.class, e -> text(Responses.no("QUOTA/MAXSCRIPTS",
                        "a user may keep at most " + SieveStore.MAX_SCRIPTS + " scripts"))));
    }

    /** The refusal of a script that is too big or has errors; empty when it may be stored. */
    private java.util.Optional<Mono<Reply>> check(String script) {
        if (script.getBytes(StandardCharsets.UTF_8).length > config.maxScriptSize()) {
            return java.util.Optional.of(text(Responses.no("QUOTA/MAXSIZE",
                    "a script may have at most " + config.maxScriptSize() + " bytes")));
        }
        List<String> errors = checker.errors(script);
        return errors.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(text(Responses.no(String.join("\r\n", errors))));
    }

    private Mono<Reply> setActive(SieveCommand.SetActive c) {
        if (c.name().isEmpty()) {
            return scripts.activate(user(), null).then(text(Responses.ok("no script is active")));
        }
        return scripts.activate(user(), name(c.name())).then(text(Responses.ok("active script set")));
    }

    private Mono<Reply> authenticate(SieveCommand.Authenticate c) {
        if (!c.mechanism().toUpperCase(Locale.ROOT).equals("PLAIN")) {
            return text(Responses.no("unsupported authentication mechanism"));
        }
        if (!plainAllowed()) {
            return text(Responses.no("ENCRYPT-NEEDED", "use STARTTLS first"));
        }
        if (c.initialResponse().isPresent()) {
            return login(c.initialResponse().get());
        }
        session.awaitingSasl(true);
        return text(Responses.string("") + "\r\n");
    }

    /** The client's answer to the empty PLAIN challenge: a string, or {@code "*"} to cancel (§2.1). */
    Mono<Reply> saslResponse(List<Token> tokens) {
        session.awaitingSasl(false);
        if (tokens.size() != 1) {
            return text(Responses.no("expected one string as the SASL response"));
        }
        Token t = tokens.get(0);
        String value = t instanceof Token.Str s ? s.text() : ((Token.Atom) t).text();
        if (value.equals("*")) {
            return text(Responses.no("authentication cancelled"));
        }
        if (!(t instanceof Token.Str)) {
            return text(Responses.no("expected a string as the SASL response"));
        }
        return login(value);
    }

    private Mono<Reply> login(String base64) {
        SaslPlain.Credentials cr = SaslPlain.decode(base64);
        LoginRequest req = LoginRequest.of("managesieve", cr.username(), cr.password(), peer.address(), peer.sessionId());
        Mono<LoginResult> result = !cr.authzid().isEmpty() && !cr.authzid().equalsIgnoreCase(cr.username())
                ? logins.refuse(req, LoginService.REASON_AUTHZID, limit)
                : logins.login(req, limit);
        return result.publishOn(loop).flatMap(r -> {
            if (r instanceof LoginResult.Success ok) {
                return session.authenticated(ok.user()) ? text(Responses.ok("logged in")) : Mono.empty();
            }
            failures.increment();
            String answer = ((LoginResult.Failure) r).throttled()
                    ? Responses.no("too many failed logins, try again later")
                    : Responses.no("authentication failed");
            return Mono.delay(config.authFailureDelay()).then(text(answer));
        });
    }

    /** Exactly one mapping of errors to ManageSieve answers; internal messages never reach the client. */
    static Reply toReply(Throwable e) {
        if (e instanceof SieveParseException p) {
            return new Reply.Text(Responses.no(p.getMessage()));
        }
        if (e instanceof GannetException.NotFound) {
            return new Reply.Text(Responses.no("NONEXISTENT", "there is no script of that name"));
        }
        if (e instanceof GannetException.AlreadyExists) {
            return new Reply.Text(Responses.no("ALREADYEXISTS", "a script of that name already exists"));
        }
        if (e instanceof GannetException.Conflict) {
            return new Reply.Text(Responses.no("ACTIVE", "the active script cannot be deleted"));
        }
        if (e instanceof GannetException.Unavailable) {
            return new Reply.Text(Responses.no("TRYLATER", "storage is unavailable, try again later"));
        }
        if (e instanceof GannetException.AuthFailed) {
            return new Reply.Text(Responses.no("authentication failed"));
        }
        log.warn("command failed: {}", e.toString());
        return new Reply.Text(Responses.no("internal error"));
    }
}
