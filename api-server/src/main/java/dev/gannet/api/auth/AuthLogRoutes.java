package dev.gannet.api.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gannet.api.ApiException;
import dev.gannet.api.Call;
import dev.gannet.api.Cursor;
import dev.gannet.api.Route;
import dev.gannet.core.store.AuthEvent;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.User;

import java.util.List;

/**
 * The auth log at WildDuck's paths: {@code GET /users/{user}/authlog} (newest first, paged with
 * {@code limit}/{@code next}) and {@code GET /users/{user}/authlog/{event}}. Every login attempt on every
 * protocol and the API is there (core's login service writes it), kept for {@code auth.logRetention}.
 */
public final class AuthLogRoutes {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventItem(String id, String action, String result, String protocol, String ip, String sess,
            String source, String asp, String aname, String requiredScope, String username, String reason,
            List<String> enabled2fa, String created, String expires) {
    }

    public record EventList(boolean success, String action, long total, String previousCursor, String nextCursor,
            List<EventItem> results) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventInfo(boolean success, String id, String action, String result, String protocol, String ip,
            String sess, String source, String asp, String aname, String requiredScope, String username,
            String reason, List<String> enabled2fa, String created, String expires) {
    }

    private final MailStore store;

    public AuthLogRoutes(MailStore store) {
        this.store = store;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/users/{user}/authlog").doc("authlog", "The user's login attempts, newest first")
                        .query("limit", "integer", "page size, default 20")
                        .query("next", "string", "cursor from the previous page's nextCursor")
                        .query("action", "string", "only events of this action (authentication)")
                        .returns(EventList.class).handle(this::list),
                Route.get("/users/{user}/authlog/{event}").doc("authlog", "One login attempt")
                        .returns(EventInfo.class).handle(call -> {
                            User u = Call.await(store.users().get(call.user()), "no such user");
                            EventItem e = item(Call.await(store.authLog().get(u.id(), call.path("event")), "no such event"));
                            return new EventInfo(true, e.id(), e.action(), e.result(), e.protocol(), e.ip(), e.sess(),
                                    e.source(), e.asp(), e.aname(), e.requiredScope(), e.username(), e.reason(),
                                    e.enabled2fa(), e.created(), e.expires());
                        }));
    }

    private EventList list(Call call) {
        User u = Call.await(store.users().get(call.user()), "no such user");
        int limit = call.limit();
        String action = call.query("action");
        String next = call.query("next");
        long from;
        if (next != null) {
            try {
                from = Long.parseLong(Cursor.decode("authlog", next));
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("next is not a valid cursor");
            }
        } else {
            from = Call.await(store.authLog().newest(u.id()), "no such user");
        }
        long total = Call.await(store.authLog().count(u.id()), "no such user");
        if (action != null && !action.equals("authentication")) {
            return new EventList(true, action, 0, null, null, List.of());
        }
        List<EventItem> items = store.authLog().page(u.id(), from, limit).map(AuthLogRoutes::item).collectList().block();
        long bottom = from - limit;
        String cursor = bottom >= 1 && !items.isEmpty() ? Cursor.encode("authlog", Long.toString(bottom)) : null;
        return new EventList(true, action, total, null, cursor, items);
    }

    private static EventItem item(AuthEvent e) {
        return new EventItem(e.id(), e.action(), e.result(), e.protocol(), e.ip(), e.sess(), e.source(), e.asp(),
                e.aname(), e.requiredScope(), e.username(), e.reason(), e.enabled2fa(), e.created().toString(),
                e.expires() == null ? null : e.expires().toString());
    }
}
