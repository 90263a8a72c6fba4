package dev.gannet.api.filters;

import dev.gannet.api.Access;
import dev.gannet.api.ApiException;
import dev.gannet.api.Call;
import dev.gannet.api.Cursor;
import dev.gannet.api.Route;
import dev.gannet.api.filters.FilterBodies.AnyFilterItem;
import dev.gannet.api.filters.FilterBodies.AnyFilterList;
import dev.gannet.api.filters.FilterBodies.Created;
import dev.gannet.api.filters.FilterBodies.FilterBody;
import dev.gannet.api.filters.FilterBodies.FilterInfo;
import dev.gannet.api.filters.FilterBodies.FilterItem;
import dev.gannet.api.filters.FilterBodies.FilterList;
import dev.gannet.api.filters.FilterBodies.Success;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.Filter;
import dev.gannet.core.store.FilterStore;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.User;
import dev.gannet.core.store.UserId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * WildDuck's filters: {@code GET /filters} (every user's, root only), and a user's own under
 * {@code /users/{user}/filters}. A filter is stored as WildDuck's JSON gives it and run at delivery as Sieve
 * ({@code dev.gannet.delivery.rules.FilterCompiler}); the mailbox it files into must be the user's own when the
 * filter is written. Every route under {@code /users/{user}} reaches only that user's filters.
 */
public final class FilterRoutes {

    private final MailStore store;
    private final FilterApplier applier;
    private final int applyLimit;

    public FilterRoutes(MailStore store, dev.gannet.core.config.GannetConfig config) {
        this.store = store;
        this.applier = new FilterApplier(store, new dev.gannet.delivery.sieve.Sieve(dev.gannet.delivery.sieve.SieveLimits.from(config)),
                config.get(dev.gannet.core.config.Settings.STORE_MAX_MESSAGE_BYTES));
        this.applyLimit = config.get(dev.gannet.core.config.Settings.RULES_APPLY_LIMIT);
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/filters").access(Access.ROOT).doc("filters", "Every user's filters, ordered by user")
                        .query("limit", "integer", "page size, default 20")
                        .query("next", "string", "cursor from the previous page's nextCursor")
                        .returns(AnyFilterList.class).handle(this::all),
                Route.get("/users/{user}/filters").doc("filters", "The user's filters in the order they run")
                        .returns(FilterList.class).handle(call -> {
                            User u = user(call);
                            List<Filter> list = store.filters().list(u.id()).collectList().block();
                            Map<String, String> paths = paths(u.id(), list);
                            return new FilterList(true, list.stream().map(f -> new FilterItem(f.id(), f.name(),
                                    FilterDescriptions.query(f.query()), FilterDescriptions.action(f.action(), paths::get),
                                    f.disabled(), f.created().toString())).toList());
                        }),
                Route.post("/users/{user}/filters").doc("filters", "Create a filter (WildDuck's query and action)")
                        .body(FilterBody.class).returns(Created.class).handle(this::create),
                Route.get("/users/{user}/filters/{filter}").doc("filters", "One filter, its fields as they were written")
                        .returns(FilterInfo.class).handle(call -> info(existing(call))),
                Route.put("/users/{user}/filters/{filter}")
                        .doc("filters", "Change a filter; a query or action key given as \"\" or null is removed")
                        .body(FilterBody.class).returns(Success.class).handle(this::update),
                Route.post("/users/{user}/mailboxes/{mailbox}/filter")
                        .doc("filters", "Run the user's enabled filters (or the one named) on the mailbox's messages, oldest first")
                        .body(FilterBodies.ApplyBody.class).returns(FilterBodies.Applied.class).handle(this::apply),
                Route.delete("/users/{user}/filters/{filter}").doc("filters", "Delete a filter")
                        .returns(Success.class).handle(call -> {
                            User u = user(call);
                            if (!Boolean.TRUE.equals(store.filters().delete(u.id(), call.path("filter")).block())) {
                                throw new ApiException(404, "FilterNotFound", "this filter does not exist");
                            }
                            return new Success(true);
                        }));
    }

    private User user(Call call) {
        return Call.await(store.users().get(call.user()), "no such user");
    }

    private Filter existing(Call call) {
        User u = user(call);
        Filter f = store.filters().get(u.id(), call.path("filter")).block();
        if (f == null) {
            throw new ApiException(404, "FilterNotFound", "this filter does not exist");
        }
        return f;
    }

    private Created create(Call call) {
        User u = user(call);
        FilterInput.Parsed p = FilterInput.read(call.bytes(call.limits().maxBodyBytes()), null);
        checkMailbox(u.id(), p.action().mailbox());
        Filter f = Call.await(store.filters().create(u.id(), p.name(), p.query(), p.action(),
                Boolean.TRUE.equals(p.disabled())), "filter");
        return new Created(true, f.id());
    }

    private Success update(Call call) {
        Filter f = existing(call);
        FilterInput.Parsed p = FilterInput.read(call.bytes(call.limits().maxBodyBytes()), f);
        if (p.action().mailbox() != null && !p.action().mailbox().equals(f.action().mailbox())) {
            checkMailbox(f.user(), p.action().mailbox());
        }
        boolean disabled = p.disabled() == null ? f.disabled() : p.disabled();
        if (!Boolean.TRUE.equals(store.filters().replace(f.with(p.name(), p.query(), p.action(), disabled)).block())) {
            throw new ApiException(404, "FilterNotFound", "this filter does not exist");
        }
        return new Success(true);
    }

    /** The mailbox a filter files into must be the user's (WildDuck: 404 NoSuchMailbox). */
    private void checkMailbox(UserId user, String id) {
        if (id != null && mailbox(user, id) == null) {
            throw new ApiException(404, "NoSuchMailbox", "action.mailbox: this mailbox does not exist");
        }
    }

    private Mailbox mailbox(UserId user, String id) {
        MailboxId mid;
        try {
            mid = new MailboxId(id);
        } catch (GannetException.Invalid e) {
            return null;
        }
        return store.mailboxes().byId(mid).filter(b -> b.user().equals(user)).block();
    }

    private Map<String, String> paths(UserId user, List<Filter> filters) {
        Map<String, String> paths = new HashMap<>();
        for (Filter f : filters) {
            String id = f.action().mailbox();
            if (id != null && !paths.containsKey(id)) {
                Mailbox box = mailbox(user, id);
                paths.put(id, box == null ? null : box.name().path());
            }
        }
        return paths;
    }

    private FilterBodies.Applied apply(Call call) {
        User u = user(call);
        Mailbox box = mailbox(u.id(), call.path("mailbox"));
        if (box == null) {
            throw ApiException.notFound("no such mailbox");
        }
        byte[] raw = call.bytes(call.limits().maxBodyBytes());
        FilterBodies.ApplyBody req = raw.length == 0 ? new FilterBodies.ApplyBody(null, null)
                : dev.gannet.api.Json.read(raw, FilterBodies.ApplyBody.class);
        List<Filter> filters;
        if (req.filter() != null) {
            Filter f = store.filters().get(u.id(), req.filter()).block();
            if (f == null) {
                throw new ApiException(404, "FilterNotFound", "filter: this filter does not exist");
            }
            filters = List.of(f.with(f.name(), f.query(), f.action(), false));
        } else {
            filters = store.filters().list(u.id()).filter(f -> !f.disabled()).collectList().block();
        }
        return applier.apply(u, box, filters, req.next(), applyLimit);
    }

    private static FilterInfo info(Filter f) {
        Filter.Query q = f.query();
        Filter.Action a = f.action();
        return new FilterInfo(true, f.id(), f.name(),
                new FilterBodies.Query(q.from(), q.to(), q.subject(), q.listId(), q.text(), q.ha(), q.size()),
                new FilterBodies.Action(a.seen(), a.flag(), a.delete(), a.spam(), a.mailbox(), a.targets()),
                f.disabled(), f.created().toString());
    }

    private AnyFilterList all(Call call) {
        int limit = call.limit();
        String next = call.query("next");
        String after = next == null ? null : Cursor.decode("filters", next);
        List<Filter> page;
        try {
            page = new ArrayList<>(store.filters().page(after, limit + 1).collectList().block());
        } catch (GannetException.Invalid e) {
            throw ApiException.badRequest("next is not a valid cursor");
        }
        long total = Call.await(store.filters().count(), "count");
        String cursor = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            cursor = Cursor.encode("filters", FilterStore.position(page.get(limit - 1)));
        }
        List<AnyFilterItem> items = new ArrayList<>();
        for (Filter f : page) {
            Map<String, String> paths = paths(f.user(), List.of(f));
            items.add(new AnyFilterItem(f.id(), f.user().value(), f.name(), FilterDescriptions.query(f.query()),
                    FilterDescriptions.action(f.action(), paths::get), f.disabled(), f.created().toString(),
                    f.action().targets()));
        }
        return new AnyFilterList(true, total, cursor, items);
    }
}
