package dev.gannet.core.plugin;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.User;
import dev.gannet.core.store.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs the loaded plugins' hooks in load order, each on a worker thread under {@code timeout}. Before-store
 * decisions combine: headers accumulate, the last mailbox choice wins, the first reject ends it. A hook that
 * throws or times out turns into UNAVAILABLE (a temporary failure), never a lost or half-stored message.
 */
public final class PluginRunner {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRunner.class);

    private final List<MailPlugin> plugins;
    private final Duration timeout;

    public PluginRunner(List<MailPlugin> plugins, Duration timeout) {
        this.plugins = List.copyOf(plugins);
        this.timeout = timeout;
    }

    public static PluginRunner none() {
        return new PluginRunner(List.of(), Duration.ofSeconds(10));
    }

    public List<MailPlugin> plugins() {
        return plugins;
    }

    public boolean isEmpty() {
        return plugins.isEmpty();
    }

    /** The combined decision; errors with REJECTED or UNAVAILABLE. */
    public Mono<StoreDecision.Accept> beforeStore(IncomingMessage message) {
        if (plugins.isEmpty()) {
            return Mono.just(new StoreDecision.Accept(List.of(), Optional.empty()));
        }
        return Flux.fromIterable(plugins)
                .concatMap(p -> call(p, "beforeStore", () -> p.beforeStore(message))
                        .switchIfEmpty(Mono.just(StoreDecision.accept()))
                        .flatMap(d -> d instanceof StoreDecision.Reject r
                                ? Mono.<StoreDecision.Accept>error(new GannetException.Rejected(p.name(), r.reason()))
                                : Mono.just((StoreDecision.Accept) d)))
                .reduce(new StoreDecision.Accept(List.of(), Optional.empty()), PluginRunner::combine);
    }

    private static StoreDecision.Accept combine(StoreDecision.Accept a, StoreDecision.Accept b) {
        List<String> headers = new ArrayList<>(a.addHeaders());
        headers.addAll(b.addHeaders());
        Optional<MailboxName> box = b.mailbox().isPresent() ? b.mailbox() : a.mailbox();
        return new StoreDecision.Accept(headers, box);
    }

    /** Runs after-store hooks; failures are logged and swallowed, the message is already safe. */
    public Mono<Void> afterStore(StoredMessage message) {
        return optional("afterStore", p -> () -> {
            p.afterStore(message);
            return Boolean.TRUE;
        });
    }

    public Mono<Void> userCreated(User user) {
        return optional("userCreated", p -> () -> {
            p.userCreated(user);
            return Boolean.TRUE;
        });
    }

    public Mono<Void> userDeleted(UserId user, String username) {
        return optional("userDeleted", p -> () -> {
            p.userDeleted(user, username);
            return Boolean.TRUE;
        });
    }

    private Mono<Void> optional(String hook, java.util.function.Function<MailPlugin, Callable<Boolean>> body) {
        return Flux.fromIterable(plugins)
                .concatMap(p -> call(p, hook, body.apply(p)).onErrorResume(e -> {
                    LOG.warn("plugin {} failed in {}: {}", p.name(), hook, e.toString());
                    return Mono.empty();
                }))
                .then();
    }

    private <T> Mono<T> call(MailPlugin p, String hook, Callable<T> body) {
        return Mono.fromCallable(body)
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(timeout)
                .onErrorMap(e -> !(e instanceof GannetException.Rejected),
                        e -> GannetException.unavailable("plugin " + p.name() + " failed in " + hook + ": "
                                + (e instanceof TimeoutException ? "timed out" : e.getClass().getSimpleName()), e));
    }
}
