package dev.gannet.api.updates;

import dev.gannet.api.ApiException;
import dev.gannet.api.Call;
import dev.gannet.api.Route;
import dev.gannet.core.coord.ChangeNotifier;
import dev.gannet.core.coord.ChangeSubscription;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.User;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code GET /users/{user}/updates}: a Server-Sent Events stream of the user's mailbox changes. It
 * subscribes to the change bell first and then reads the journal, so no change falls between the two
 * (ARCHITECTURE.md, "Change notification"); every ring, and the first read, catch up every mailbox from
 * the position last sent. The event id is that position, so {@code Last-Event-ID} resumes without gaps
 * or repeats. A comment line {@code : connected} says the stream is live; {@code : ping} keeps proxies awake.
 */
public final class UpdateRoutes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UpdateRoutes.class);
    private static final Duration PING = Duration.ofSeconds(25);

    private final MailStore store;
    private final ChangeNotifier notifier;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();

    public UpdateRoutes(MailStore store, ChangeNotifier notifier) {
        this.store = store;
        this.notifier = notifier;
    }

    public List<Route> routes() {
        return List.of(Route.get("/users/{user}/updates").doc("updates",
                "Server-Sent Events of the user's mailbox changes; resume with Last-Event-ID")
                .returnsRaw("text/event-stream").handle(call -> {
                    User user = Call.await(store.users().get(call.user()), "no such user");
                    String accept = call.ctx().header("Accept");
                    if (accept == null || !accept.contains("text/event-stream")) {
                        throw new ApiException(406, "NotAcceptable", "this stream needs Accept: text/event-stream");
                    }
                    String last = call.ctx().header("Last-Event-ID");
                    StreamPosition from = last == null || last.isBlank() ? null : StreamPosition.parse(last.strip());
                    new SseHandler(client -> open(client, user, from)).handle(call.ctx());
                    return null;
                }));
    }

    private void open(SseClient client, User user, StreamPosition from) {
        client.keepAlive();
        clients.add(client);
        ChangeSubscription sub;
        try {
            sub = notifier.subscribe(user.id().value()).block(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            log.warn("update stream for {} could not subscribe: {}", user.id(), e.toString());
            clients.remove(client);
            client.close();
            return;
        }
        JournalFeed feed = new JournalFeed(store, user.id(), client, from);
        AtomicReference<Disposable> running = new AtomicReference<>();
        Runnable stop = () -> {
            clients.remove(client);
            Disposable d = running.get();
            if (d != null) {
                d.dispose();
            }
            sub.close();
        };
        client.onClose(stop);
        // every signal catches up from the journal, so rings that pile up may be dropped to the latest
        running.set(Flux.merge(sub.changes().map(c -> Boolean.TRUE), Flux.interval(PING, PING).map(t -> Boolean.FALSE))
                .startWith(Boolean.TRUE)
                .onBackpressureLatest()
                .publishOn(Schedulers.boundedElastic(), 1)
                .subscribe(ring -> {
                    if (client.terminated()) {
                        stop.run();
                        return;
                    }
                    feed.catchUp();
                    if (!ring) {
                        client.sendComment("ping");
                    }
                }, e -> {
                    log.warn("update stream for {} failed: {}", user.id(), e.toString());
                    client.close();
                }));
        if (client.terminated()) {
            stop.run();
        }
    }

    /** Ends every open stream (at shutdown). */
    @Override
    public void close() {
        for (SseClient c : List.copyOf(clients)) {
            c.close();
        }
    }
}
