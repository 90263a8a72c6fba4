package dev.gannet.api.users;

import dev.gannet.api.Access;
import dev.gannet.api.ApiException;
import dev.gannet.api.Call;
import dev.gannet.api.Cursor;
import dev.gannet.api.Route;
import dev.gannet.api.auth.Authenticator;
import dev.gannet.api.auth.TokenStore;
import dev.gannet.api.users.UserBodies.Created;
import dev.gannet.api.users.UserBodies.CreateUser;
import dev.gannet.api.users.UserBodies.Deleting;
import dev.gannet.api.users.UserBodies.Limits;
import dev.gannet.api.users.UserBodies.Quota;
import dev.gannet.api.users.UserBodies.QuotaInfo;
import dev.gannet.api.users.UserBodies.QuotaReset;
import dev.gannet.api.users.UserBodies.Success;
import dev.gannet.api.users.UserBodies.UpdateUser;
import dev.gannet.api.users.UserBodies.UserInfo;
import dev.gannet.api.users.UserBodies.UserList;
import dev.gannet.api.users.UserBodies.UserListItem;
import dev.gannet.core.auth.Passwords;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.AddressEntry;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.NewUser;
import dev.gannet.core.store.QuotaUsage;
import dev.gannet.core.store.User;
import dev.gannet.core.store.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;

/**
 * Users and their quota, at WildDuck's paths: create (clear-text password or imported hash), get,
 * list/search by username, update, delete (202: disabled at once, removed in the background), quota usage
 * and recount. Quota and the disabled flag are the operator's: a user token may change only its own name
 * and password. A password change revokes every user token issued for that user.
 */
public final class UserRoutes {

    private static final Logger log = LoggerFactory.getLogger(UserRoutes.class);
    private final MailStore store;
    private final TokenStore tokens;
    private final dev.gannet.api.forwarding.UserTargets targets;
    private final dev.gannet.api.submit.Allowance allowance;

    public UserRoutes(MailStore store, TokenStore tokens, dev.gannet.api.forwarding.UserTargets targets,
            dev.gannet.api.submit.Allowance allowance) {
        this.store = store;
        this.tokens = tokens;
        this.targets = targets;
        this.allowance = allowance;
    }

    public List<Route> routes() {
        return List.of(
                Route.post("/users").access(Access.ROOT).doc("users", "Create a user, optionally with a main address")
                        .body(CreateUser.class).returns(Created.class).handle(this::create),
                Route.get("/users").access(Access.ROOT).doc("users", "List users ordered by username, optionally filtered")
                        .query("query", "string", "prefix of the username, case-insensitive")
                        .query("limit", "integer", "page size, default 20")
                        .query("next", "string", "cursor from the previous page's nextCursor")
                        .returns(UserList.class).handle(this::list),
                Route.get("/users/{user}").doc("users", "Get one user").returns(UserInfo.class).handle(this::get),
                Route.put("/users/{user}").doc("users", "Update name, password, quota or disabled")
                        .body(UpdateUser.class).returns(Success.class).handle(this::update),
                Route.delete("/users/{user}").access(Access.ROOT).status(202)
                        .doc("users", "Delete a user; its messages are removed in the background")
                        .returns(Deleting.class).handle(this::delete),
                Route.get("/users/{user}/quota").doc("quota", "Storage used and allowed, in bytes")
                        .returns(QuotaInfo.class).handle(call -> {
                            QuotaUsage q = Call.await(store.quota().get(existing(call).id()), "no such user");
                            return new QuotaInfo(true, q.limit(), q.used());
                        }),
                Route.post("/users/{user}/quota/reset").doc("quota", "Recount the storage used from the stored messages")
                        .returns(QuotaReset.class).handle(call -> {
                            User u = existing(call);
                            QuotaUsage q = Call.await(store.quota().recount(u.id()), "no such user");
                            return new QuotaReset(true, q.used(), u.storageUsed());
                        }));
    }

    private User existing(Call call) {
        return Call.await(store.users().get(call.user()), "no such user");
    }

    private Created create(Call call) {
        CreateUser req = call.body(CreateUser.class);
        if (req.username() == null) {
            throw ApiException.badRequest("field username is required");
        }
        if (req.password() == null || req.password().isEmpty()) {
            throw ApiException.badRequest("field password is required");
        }
        boolean hashed = Boolean.TRUE.equals(req.hashedPassword());
        if (hashed) {
            Call.field("password", () -> {
                Passwords.checkImportable(req.password());
                return true;
            });
        }
        EmailAddress address = req.address() == null ? null : Call.field("address", () -> EmailAddress.parse(req.address()));
        if (address != null && address.isWildcard()) {
            throw ApiException.badRequest("address: a user's main address cannot be a wildcard");
        }
        targets.check(req.targets(), req.forwards());
        long quota = req.quota() == null ? 0 : req.quota();
        NewUser nu = Call.field(quota < 0 ? "quota" : "username", () -> new NewUser(req.username(),
                hashed ? null : req.password(), hashed ? req.password() : null, req.name(), quota));
        if (req.recipients() != null && req.recipients() < 0) {
            throw ApiException.badRequest("field recipients must not be negative");
        }
        User user = Call.await(store.users().create(nu), "user");
        if (req.recipients() != null && req.recipients() > 0) {
            Call.run(store.users().setRecipientLimit(user.id(), req.recipients()));
        }
        if (address != null) {
            try {
                Call.run(store.addresses().add(user.id(), address, true));
            } catch (GannetException e) {
                Call.run(store.users().delete(user.id()));
                throw e;
            }
        }
        targets.apply(user.id(), req.targets(), req.forwards());
        return new Created(true, user.id().value());
    }

    private UserList list(Call call) {
        String query = call.query("query");
        int limit = call.limit();
        String next = call.query("next");
        String after = next == null ? null : Cursor.decode("users", next);
        List<User> page = store.users().page(query, after, limit + 1).collectList().block();
        long total = Call.await(store.users().count(query), "count");
        String cursor = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            cursor = Cursor.encode("users", page.get(limit - 1).username().toLowerCase(Locale.ROOT));
        }
        List<UserListItem> items = page.stream().map(u -> new UserListItem(u.id().value(), u.username(),
                u.displayName(), mainAddress(u.id()), new Quota(u.quotaLimit(), u.storageUsed()), u.disabled())).toList();
        return new UserList(true, total, cursor, items);
    }

    private String mainAddress(UserId id) {
        return store.addresses().byUser(id).filter(AddressEntry::main).next()
                .map(a -> a.address().toString()).blockOptional().orElse(null);
    }

    private UserInfo get(Call call) {
        User u = existing(call);
        dev.gannet.core.store.ForwardingStore.UserForwarding fw = targets.of(u.id());
        long[] forwards = targets.forwards(u.id(), fw);
        return new UserInfo(true, u.id().value(), u.username(), u.displayName(), mainAddress(u.id()),
                new Limits(new Quota(u.quotaLimit(), u.storageUsed()),
                        new UserBodies.Forwards(forwards[0], forwards[1], forwards[2]), allowance.show(u.id())),
                u.disabled(), u.created().toString(), List.copyOf(u.enabled2fa()), fw.targets());
    }

    private Success update(Call call) {
        User u = existing(call);
        UpdateUser req = call.body(UpdateUser.class);
        if (req.quota() != null || req.disabled() != null || req.recipients() != null) {
            Authenticator.requireRoot(call, "changing quota, recipients or disabled");
        }
        if (req.recipients() != null && req.recipients() < 0) {
            throw ApiException.badRequest("field recipients must not be negative");
        }
        if (req.forwards() != null) {
            Authenticator.requireRoot(call, "changing the forward limit");
        }
        targets.check(req.targets(), req.forwards());
        boolean hashed = Boolean.TRUE.equals(req.hashedPassword());
        if (hashed) {
            Authenticator.requireRoot(call, "setting a password hash");
            if (req.password() == null) {
                throw ApiException.badRequest("field password is required with hashedPassword");
            }
            Call.field("password", () -> {
                Passwords.checkImportable(req.password());
                return true;
            });
        }
        if (req.password() != null && req.password().isEmpty()) {
            throw ApiException.badRequest("field password must not be empty");
        }
        if (req.quota() != null && req.quota() < 0) {
            throw ApiException.badRequest("field quota must not be negative");
        }
        if (req.name() != null) {
            Call.run(store.users().setDisplayName(u.id(), req.name()));
        }
        if (req.password() != null) {
            Call.run(hashed ? store.users().setPasswordHash(u.id(), req.password())
                    : store.users().setPassword(u.id(), req.password()));
            Call.run(tokens.revokeAll(u.id()));
        }
        if (req.quota() != null) {
            Call.run(store.quota().setLimit(u.id(), req.quota()));
        }
        if (req.recipients() != null) {
            Call.run(store.users().setRecipientLimit(u.id(), req.recipients()));
        }
        if (req.disabled() != null) {
            Call.run(store.users().setDisabled(u.id(), req.disabled()));
        }
        targets.apply(u.id(), req.targets(), req.forwards());
        return new Success(true);
    }

    private Deleting delete(Call call) {
        User u = existing(call);
        Call.run(store.users().setDisabled(u.id(), true));
        store.users().delete(u.id()).subscribe(v -> { },
                e -> log.warn("deleting user {} failed: {}", u.id(), e.toString()),
                () -> log.info("user {} deleted", u.id()));
        return new Deleting(true, u.id().value(), true);
    }
}
