package dev.gannet.api.mailboxes;

import dev.gannet.api.ApiException;
import dev.gannet.api.Call;
import dev.gannet.api.Route;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.SpecialUse;
import dev.gannet.core.store.UserId;

import java.util.List;
import java.util.Optional;

/**
 * A user's mailboxes at WildDuck's paths and field names ({@code path}, {@code specialUse},
 * {@code total}, {@code unseen}, {@code size}, {@code modifyIndex}): list with counters, create (optionally
 * with a special-use attribute), get, rename or (un)subscribe, delete. A mailbox id that belongs to
 * another user is answered exactly like one that does not exist.
 */
public final class MailboxRoutes {

    public record NewMailbox(String path, String specialUse) {
    }

    public record UpdateMailbox(String path, Boolean subscribed) {
    }

    public record MailboxItem(String id, String name, String path, String specialUse, long modifyIndex,
            boolean subscribed, long total, long unseen, long size, long uidValidity, long uidNext) {
    }

    public record MailboxList(boolean success, List<MailboxItem> results) {
    }

    public record MailboxInfo(boolean success, String id, String name, String path, String specialUse,
            long modifyIndex, boolean subscribed, long total, long unseen, long size, long uidValidity, long uidNext) {
    }

    public record Created(boolean success, String id) {
    }

    public record Success(boolean success) {
    }

    private final MailStore store;

    public MailboxRoutes(MailStore store) {
        this.store = store;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/users/{user}/mailboxes").doc("mailboxes", "List mailboxes with message, unseen and size counters")
                        .query("specialUse", "boolean", "only mailboxes with a special-use attribute")
                        .query("counters", "boolean", "accepted for WildDuck compatibility; counters are always included")
                        .returns(MailboxList.class).handle(call -> {
                            UserId u = existingUser(store, call);
                            boolean onlySpecial = Boolean.TRUE.equals(call.bool("specialUse"));
                            call.bool("counters");
                            List<MailboxItem> items = store.mailboxes().list(u)
                                    .filter(m -> !onlySpecial || m.specialUse().isPresent())
                                    .map(MailboxRoutes::item).collectList().block();
                            return new MailboxList(true, items);
                        }),
                Route.post("/users/{user}/mailboxes").doc("mailboxes", "Create a mailbox")
                        .body(NewMailbox.class).returns(Created.class).handle(this::create),
                Route.get("/users/{user}/mailboxes/{mailbox}").doc("mailboxes", "Get one mailbox with its counters")
                        .returns(MailboxInfo.class).handle(call -> info(owned(store, call))),
                Route.put("/users/{user}/mailboxes/{mailbox}").doc("mailboxes", "Rename (path) or (un)subscribe a mailbox")
                        .body(UpdateMailbox.class).returns(Success.class).handle(this::update),
                Route.delete("/users/{user}/mailboxes/{mailbox}").doc("mailboxes", "Delete a mailbox and its messages")
                        .returns(Success.class).handle(call -> {
                            Mailbox m = owned(store, call);
                            if (m.name().equals(MailboxName.INBOX)) {
                                throw ApiException.badRequest("INBOX cannot be deleted");
                            }
                            Call.run(store.mailboxes().delete(m.user(), m.name()));
                            return new Success(true);
                        }));
    }

    /** The user in the path, which must exist. */
    public static UserId existingUser(MailStore store, Call call) {
        return Call.await(store.users().get(call.user()), "no such user").id();
    }

    /** The {@code {mailbox}} of the path, which must belong to the {@code {user}} of the path. */
    public static Mailbox owned(MailStore store, Call call) {
        UserId u = existingUser(store, call);
        MailboxId id;
        try {
            id = new MailboxId(call.path("mailbox"));
        } catch (GannetException.Invalid e) {
            throw ApiException.notFound("no such mailbox");
        }
        Mailbox m = store.mailboxes().byId(id).blockOptional().orElse(null);
        if (m == null || !m.user().equals(u)) {
            throw ApiException.notFound("no such mailbox");
        }
        return m;
    }

    private Created create(Call call) {
        UserId u = existingUser(store, call);
        NewMailbox req = call.body(NewMailbox.class);
        if (req.path() == null) {
            throw ApiException.badRequest("field path is required");
        }
        MailboxName name = Call.field("path", () -> MailboxName.of(req.path()));
        Optional<SpecialUse> use = req.specialUse() == null ? Optional.empty()
                : Optional.of(Call.field("specialUse", () -> SpecialUse.fromAttribute(req.specialUse())));
        Mailbox m = Call.await(store.mailboxes().create(u, name, use), "mailbox");
        return new Created(true, m.id().value());
    }

    private Success update(Call call) {
        Mailbox m = owned(store, call);
        UpdateMailbox req = call.body(UpdateMailbox.class);
        MailboxName current = m.name();
        if (req.path() != null) {
            MailboxName to = Call.field("path", () -> MailboxName.of(req.path()));
            if (!to.equals(current)) {
                if (current.equals(MailboxName.INBOX)) {
                    throw ApiException.badRequest("INBOX cannot be renamed");
                }
                current = Call.await(store.mailboxes().rename(m.user(), current, to), "no such mailbox").name();
            }
        }
        if (req.subscribed() != null) {
            Call.run(store.mailboxes().setSubscribed(m.user(), current, req.subscribed()));
        }
        return new Success(true);
    }

    static MailboxItem item(Mailbox m) {
        return new MailboxItem(m.id().value(), leaf(m.name()), m.name().path(),
                m.specialUse().map(SpecialUse::attribute).orElse(null), m.highestModseq().value(), m.subscribed(),
                m.messages(), m.unseen(), m.bytes(), m.uidValidity(), m.uidNext());
    }

    private static MailboxInfo info(Mailbox m) {
        MailboxItem i = item(m);
        return new MailboxInfo(true, i.id(), i.name(), i.path(), i.specialUse(), i.modifyIndex(), i.subscribed(),
                i.total(), i.unseen(), i.size(), i.uidValidity(), i.uidNext());
    }

    private static String leaf(MailboxName name) {
        String p = name.path();
        return p.substring(p.lastIndexOf(MailboxName.SEPARATOR) + 1);
    }
}
