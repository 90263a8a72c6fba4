package dev.gannet.api.autoreply;

import dev.gannet.api.ApiException;
import dev.gannet.api.Call;
import dev.gannet.api.Route;
import dev.gannet.core.store.Autoreply;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.User;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * WildDuck's autoreply ({@code /users/{user}/autoreply}): read, set (fields not given keep their value) and remove.
 * Delivery answers with it (a Sieve {@code vacation}, {@code dev.gannet.delivery.rules.AutoreplyRules}) while
 * {@code status} is true and the time is within {@code start} and {@code end}.
 */
public final class AutoreplyRoutes {

    /** Text and HTML each: the compiled Sieve script must stay within the engine's script size. */
    public static final int MAX_BODY_CHARS = 16 * 1024;

    /** {@code start} and {@code end}: an ISO 8601 date, or {@code false}/{@code ""}/null for none. */
    public record AutoreplyBody(Boolean status, String name, String subject, String text, String html, Object start,
            Object end, String sess, String ip) {
    }

    public record AutoreplyInfo(boolean success, boolean status, String name, String subject, String text, String html,
            String start, String end, String created) {
    }

    public record Saved(boolean success, String id) {
    }

    public record Success(boolean success) {
    }

    private final MailStore store;

    public AutoreplyRoutes(MailStore store) {
        this.store = store;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/users/{user}/autoreply").doc("autoreply", "The user's autoreply (status false when none is set)")
                        .returns(AutoreplyInfo.class).handle(call -> {
                            User u = user(call);
                            Autoreply a = store.autoreplies().get(u.id()).blockOptional()
                                    .orElse(new Autoreply(false, "", "", "", "", null, null, null));
                            return new AutoreplyInfo(true, a.status(), a.name(), a.subject(), a.text(), a.html(),
                                    str(a.start()), str(a.end()), str(a.created()));
                        }),
                Route.put("/users/{user}/autoreply").doc("autoreply", "Set the autoreply; fields not given keep their value")
                        .body(AutoreplyBody.class).returns(Saved.class).handle(call -> {
                            User u = user(call);
                            AutoreplyBody b = call.body(AutoreplyBody.class);
                            Autoreply old = store.autoreplies().get(u.id()).blockOptional().orElse(null);
                            Call.run(store.autoreplies().put(u.id(), merge(old, b)));
                            return new Saved(true, u.id().value());
                        }),
                Route.delete("/users/{user}/autoreply").doc("autoreply", "Remove the autoreply")
                        .returns(Success.class).handle(call -> {
                            Call.run(store.autoreplies().delete(user(call).id()));
                            return new Success(true);
                        }));
    }

    private User user(Call call) {
        return Call.await(store.users().get(call.user()), "no such user");
    }

    /** The stored autoreply changed by {@code b}; validated, each error naming its field. */
    public static Autoreply merge(Autoreply old, AutoreplyBody b) {
        Autoreply base = old == null ? new Autoreply(false, "", "", "", "", null, null, Instant.now()) : old;
        Instant start = b.start() == null ? base.start() : date(b.start(), "start");
        Instant end = b.end() == null ? base.end() : date(b.end(), "end");
        if (start != null && end != null && !end.isAfter(start)) {
            throw ApiException.badRequest("field end: must be after start");
        }
        return new Autoreply(b.status() == null ? base.status() : b.status(),
                b.name() == null ? base.name() : text(b.name(), "name", 255),
                b.subject() == null ? base.subject() : text(b.subject(), "subject", 998),
                b.text() == null ? base.text() : text(b.text(), "text", MAX_BODY_CHARS),
                b.html() == null ? base.html() : text(b.html(), "html", MAX_BODY_CHARS),
                start, end, base.created() == null ? Instant.now() : base.created());
    }

    private static String text(String s, String field, int max) {
        if (s.length() > max) {
            throw ApiException.badRequest("field " + field + ": at most " + max + " characters");
        }
        return field.equals("name") || field.equals("subject") ? s.strip().replaceAll("[\\r\\n]+", " ") : s;
    }

    private static Instant date(Object v, String field) {
        if (Boolean.FALSE.equals(v) || "".equals(v)) {
            return null;
        }
        if (v instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                try {
                    return java.time.OffsetDateTime.parse(s).toInstant();
                } catch (DateTimeParseException e2) {
                    throw ApiException.badRequest("field " + field + ": an ISO 8601 date such as 2030-01-31T00:00:00Z");
                }
            }
        }
        throw ApiException.badRequest("field " + field + ": an ISO 8601 date, or false for none");
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }
}
