package dev.gannet.api.asps;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gannet.api.ApiException;
import dev.gannet.api.Call;
import dev.gannet.api.Route;
import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import dev.gannet.core.store.AddressEntry;
import dev.gannet.core.store.AppPassword;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.User;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Application-specific passwords at WildDuck's paths ({@code /users/{user}/asps}): list, create (the password
 * is in the answer once, and an Apple {@code .mobileconfig} profile on request), read, delete. The store
 * keeps only a hash; every route works only on the ASPs of the user in the path.
 */
public final class AspRoutes {

    public record NewAsp(String description, List<String> scopes, String expires, Boolean generateMobileconfig,
            String sess, String ip) {
    }

    public record LastUse(String time, String event, String ip, String protocol) {
    }

    public record AspItem(String id, String description, List<String> scopes, LastUse lastUse, String expires,
            String created) {
    }

    public record AspList(boolean success, List<AspItem> results) {
    }

    public record AspInfo(boolean success, String id, String description, List<String> scopes, LastUse lastUse,
            String expires, String created) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreatedAsp(boolean success, String id, String password, String mobileconfig) {
        @Override
        public String toString() {
            return "CreatedAsp[id=" + id + ", password=***]";
        }
    }

    public record Success(boolean success) {
    }

    private static final List<String> ALL_SCOPES = List.of("imap", "pop3", "smtp");

    private final MailStore store;
    private final GannetConfig config;
    private final String hostname;

    public AspRoutes(MailStore store, GannetConfig config, String hostname) {
        this.store = store;
        this.config = config;
        this.hostname = hostname;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/users/{user}/asps").doc("asps", "List the user's application-specific passwords")
                        .returns(AspList.class).handle(call -> {
                            User u = user(call);
                            List<AspItem> items = store.asps().list(u.id()).map(AspRoutes::item).collectList().block();
                            return new AspList(true, items);
                        }),
                Route.post("/users/{user}/asps").doc("asps",
                        "Create an application-specific password; the password is shown in this answer only")
                        .body(NewAsp.class).returns(CreatedAsp.class).handle(this::create),
                Route.get("/users/{user}/asps/{asp}").doc("asps", "One application-specific password")
                        .returns(AspInfo.class).handle(call -> {
                            User u = user(call);
                            AppPassword a = Call.await(store.asps().get(u.id(), call.path("asp")), "no such application password");
                            AspItem i = item(a);
                            return new AspInfo(true, i.id(), i.description(), i.scopes(), i.lastUse(), i.expires(), i.created());
                        }),
                Route.delete("/users/{user}/asps/{asp}").doc("asps", "Delete an application-specific password")
                        .returns(Success.class).handle(call -> {
                            User u = user(call);
                            if (!Boolean.TRUE.equals(store.asps().delete(u.id(), call.path("asp")).block())) {
                                throw ApiException.notFound("no such application password");
                            }
                            return new Success(true);
                        }));
    }

    private User user(Call call) {
        return Call.await(store.users().get(call.user()), "no such user");
    }

    private CreatedAsp create(Call call) {
        User u = user(call);
        NewAsp req = call.body(NewAsp.class);
        String description = req.description() == null ? "" : req.description().strip();
        if (description.isEmpty()) {
            throw ApiException.badRequest("field description is required");
        }
        if (description.length() > 255) {
            throw ApiException.badRequest("field description: at most 255 characters");
        }
        List<String> scopes = scopes(req.scopes());
        Instant expires = null;
        if (req.expires() != null) {
            try {
                expires = Instant.parse(req.expires());
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("field expires: an ISO 8601 UTC date such as 2030-01-31T00:00:00Z");
            }
            if (!expires.isAfter(Instant.now())) {
                throw ApiException.badRequest("field expires: must be in the future");
            }
        }
        boolean profile = Boolean.TRUE.equals(req.generateMobileconfig());
        if (profile && !scopes.contains("*") && !scopes.contains("imap") && !scopes.contains("pop3")) {
            throw ApiException.badRequest("field generateMobileconfig: the profile needs the imap or pop3 scope");
        }
        AppPassword.Created created = Call.await(store.asps().create(u.id(), description, scopes, expires), "user");
        String mobileconfig = profile ? Mobileconfig.base64(account(u, description, scopes, created.password())) : null;
        return new CreatedAsp(true, created.asp().id(), created.password(), mobileconfig);
    }

    /** WildDuck's rules: default {@code *}; {@code *} alone stands for everything; no repeats. */
    private static List<String> scopes(List<String> given) {
        if (given == null) {
            return List.of("*");
        }
        if (given.isEmpty()) {
            throw ApiException.badRequest("field scopes: name at least one of imap, pop3, smtp, *");
        }
        LinkedHashSet<String> set = new LinkedHashSet<>();
        for (String s : given) {
            if (s == null || !(s.equals("*") || AppPassword.SCOPES.contains(s))) {
                throw ApiException.badRequest("field scopes: " + s + " is not one of imap, pop3, smtp, *");
            }
            if (!set.add(s)) {
                throw ApiException.badRequest("field scopes: " + s + " is given twice");
            }
        }
        return set.contains("*") ? List.of("*") : new ArrayList<>(set);
    }

    private Mobileconfig.Account account(User u, String description, List<String> scopes, String password) {
        String address = store.addresses().byUser(u.id()).filter(AddressEntry::main).next()
                .map(e -> e.address().toString()).blockOptional().orElse(u.username());
        boolean imap = scopes.contains("*") || scopes.contains("imap");
        int tlsPort = config.get(imap ? Settings.IMAP_TLS_PORT : Settings.POP3_TLS_PORT);
        int plainPort = config.get(imap ? Settings.IMAP_PORT : Settings.POP3_PORT);
        boolean ssl = tlsPort >= 0;
        String[] labels = hostname.split("\\.");
        StringBuilder reverse = new StringBuilder();
        for (int i = labels.length - 1; i >= 0; i--) {
            reverse.append(labels[i]).append('.');
        }
        return new Mobileconfig.Account(description, address, u.displayName().isEmpty() ? u.username() : u.displayName(),
                u.username(), password, imap, hostname, ssl ? tlsPort : plainPort, ssl,
                reverse + "gannet." + u.id().value());
    }

    private static AspItem item(AppPassword a) {
        LastUse last = a.lastUse() == null ? new LastUse(null, null, null, null)
                : new LastUse(a.lastUse().time().toString(), a.lastUse().event(), a.lastUse().ip(), a.lastUse().protocol());
        return new AspItem(a.id(), a.description(), a.scopes().contains("*") ? ALL_SCOPES : a.scopes(), last,
                a.expires() == null ? null : a.expires().toString(), a.created().toString());
    }
}
