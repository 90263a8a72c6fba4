package dev.gannet.api.outbound;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gannet.api.ApiException;
import dev.gannet.api.Call;
import dev.gannet.api.Route;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.OutboundQueue;
import dev.gannet.core.store.User;
import java.util.List;
import java.util.Locale;

/**
 * The user's outbound queue: {@code DELETE /users/{user}/outbound/{queueId}} at WildDuck's path (answering
 * {@code {success: true}}), and Gannet's own {@code GET /users/{user}/outbound} and
 * {@code GET /users/{user}/outbound/{queueId}} (WildDuck has no listing). A message a node is sending right now
 * cannot be cancelled: 409. Only the user's own messages are reachable (another user's id is 404).
 */
public final class OutboundRoutes {

    /** The SMTP envelope of a queued message. */
    public record Envelope(String from, List<String> to) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QueuedItem(String queueId, String kind, Envelope envelope, long size, String queued,
            String nextAttempt, int attempts, String state, String lastResult) {
    }

    public record QueuedList(boolean success, long total, List<QueuedItem> results) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QueuedInfo(boolean success, String queueId, String kind, Envelope envelope, long size, String queued,
            String nextAttempt, int attempts, String state, String lastResult) {
    }

    public record Deleted(boolean success) {
    }

    private final MailStore store;

    public OutboundRoutes(MailStore store) {
        this.store = store;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/users/{user}/outbound").doc("outbound", "The user's queued outbound messages, oldest first")
                        .returns(QueuedList.class).handle(call -> {
                            User u = user(call);
                            List<QueuedItem> items = store.outbound().list(u.id()).map(OutboundRoutes::item)
                                    .collectList().block();
                            return new QueuedList(true, items.size(), items);
                        }),
                Route.get("/users/{user}/outbound/{queueId}").doc("outbound", "One queued outbound message")
                        .returns(QueuedInfo.class).handle(call -> {
                            QueuedItem i = item(queued(call, user(call)));
                            return new QueuedInfo(true, i.queueId(), i.kind(), i.envelope(), i.size(), i.queued(),
                                    i.nextAttempt(), i.attempts(), i.state(), i.lastResult());
                        }),
                Route.delete("/users/{user}/outbound/{queueId}")
                        .doc("outbound", "Cancels a queued outbound message; 409 while it is being sent")
                        .returns(Deleted.class).handle(call -> {
                            User u = user(call);
                            String id = queueId(call);
                            if (Boolean.TRUE.equals(Call.await(store.outbound().cancel(u.id(), id), "no such message"))) {
                                return new Deleted(true);
                            }
                            // not removed: gone meanwhile (404), or a node is sending it (409)
                            queued(call, u);
                            throw new ApiException(409, "MessageBeingSent",
                                    "the message is being sent right now and cannot be cancelled");
                        }));
    }

    private User user(Call call) {
        return Call.await(store.users().get(call.user()), "no such user");
    }

    private static String queueId(Call call) {
        String id = call.path("queueId");
        if (!id.matches("[0-9a-fA-F]{18,24}")) {
            throw ApiException.badRequest("queueId must be a queue id (hex)");
        }
        return id.toLowerCase(Locale.ROOT);
    }

    private OutboundQueue.Queued queued(Call call, User u) {
        return Call.await(store.outbound().get(u.id(), queueId(call)), "no such queued message");
    }

    private static QueuedItem item(OutboundQueue.Queued q) {
        return new QueuedItem(q.id(), q.kind().name().toLowerCase(Locale.ROOT), new Envelope(q.envelopeFrom(), q.recipients()),
                q.size(), q.queued().toString(), q.nextAttempt() == null ? null : q.nextAttempt().toString(),
                q.attempts(), q.state(), q.lastResult());
    }
}
