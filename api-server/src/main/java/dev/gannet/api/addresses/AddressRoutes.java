package dev.gannet.api.addresses;

import dev.gannet.api.ApiException;
import dev.gannet.api.Call;
import dev.gannet.api.Route;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.store.AddressEntry;
import dev.gannet.core.store.AddressStore;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.UserId;

import java.util.List;

/**
 * A user's addresses at WildDuck's paths: list, add (a {@code *@domain} wildcard only with
 * {@code allowWildcard: true}, as WildDuck), make main, delete (not the main one). The address itself,
 * normalised, is its id. Every route first checks that the address belongs to the user in the path, so a
 * user can never touch another's address whatever it asks for. With the root token any address may be
 * added; with a user's own token only what {@link SelfService} allows. Deleting {@code name@d} also deletes
 * its owner's {@code name+tag@d} sub-addresses.
 */
public final class AddressRoutes {

    public record NewAddress(String address, Boolean main, Boolean allowWildcard) {
    }

    public record UpdateAddress(Boolean main) {
    }

    public record AddressItem(String id, String address, boolean main) {
    }

    public record AddressList(boolean success, List<AddressItem> results) {
    }

    public record Created(boolean success, String id) {
    }

    public record Success(boolean success) {
    }

    private final MailStore store;
    private final SelfService selfService;

    public AddressRoutes(MailStore store, GannetConfig config) {
        this.store = store;
        this.selfService = SelfService.from(config);
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/users/{user}/addresses").doc("addresses", "List the user's addresses")
                        .returns(AddressList.class).handle(call -> {
                            UserId u = existingUser(call);
                            List<AddressItem> items = store.addresses().byUser(u).map(AddressRoutes::item)
                                    .collectList().block();
                            return new AddressList(true, items);
                        }),
                Route.post("/users/{user}/addresses")
                        .doc("addresses", "Add an address; *@domain needs allowWildcard and root; a user token adds only free addresses in self-service domains")
                        .body(NewAddress.class).returns(Created.class).handle(this::add),
                Route.put("/users/{user}/addresses/{address}").doc("addresses", "Make the address the user's main one")
                        .body(UpdateAddress.class).returns(Success.class).handle(call -> {
                            AddressEntry e = owned(call);
                            UpdateAddress req = call.body(UpdateAddress.class);
                            if (Boolean.TRUE.equals(req.main())) {
                                Call.run(store.addresses().setMain(e.user(), e.address()));
                            } else if (Boolean.FALSE.equals(req.main())) {
                                throw ApiException.badRequest("field main: make another address main instead");
                            }
                            return new Success(true);
                        }),
                Route.delete("/users/{user}/addresses/{address}")
                        .doc("addresses", "Delete an address that is not main, with its name+tag@ sub-addresses")
                        .returns(Success.class).handle(call -> {
                            AddressEntry e = owned(call);
                            if (e.main()) {
                                throw ApiException.badRequest("cannot delete the main address; set another main address first");
                            }
                            boolean mainIsSub = store.addresses().byUser(e.user())
                                    .any(x -> x.main() && AddressStore.isSubAddressOf(x.address(), e.address()))
                                    .blockOptional().orElse(false);
                            if (mainIsSub) {
                                throw ApiException.badRequest("the main address is a sub-address of " + e.address()
                                        + ", which goes with it; set another main address first");
                            }
                            Call.run(store.addresses().remove(e.address()));
                            return new Success(true);
                        }));
    }

    private UserId existingUser(Call call) {
        return Call.await(store.users().get(call.user()), "no such user").id();
    }

    private Created add(Call call) {
        UserId u = existingUser(call);
        NewAddress req = call.body(NewAddress.class);
        if (req.address() == null) {
            throw ApiException.badRequest("field address is required");
        }
        EmailAddress a = Call.field("address", () -> EmailAddress.parse(req.address()));
        if (a.isWildcard() && !call.principal().root()) {
            throw ApiException.forbidden("a catch-all address needs the root access token");
        }
        if (a.isWildcard() && !Boolean.TRUE.equals(req.allowWildcard())) {
            throw ApiException.badRequest("field address: a wildcard address needs allowWildcard: true");
        }
        if (a.localPart().contains("*") && !a.isWildcard()) {
            throw ApiException.badRequest("field address: only *@domain wildcards are supported");
        }
        boolean main = Boolean.TRUE.equals(req.main());
        AddressEntry e = call.principal().root() ? Call.await(store.addresses().add(u, a, main), "address")
                : selfService.add(store.addresses(), u, a, main);
        return new Created(true, e.address().toString());
    }

    private AddressEntry owned(Call call) {
        UserId u = existingUser(call);
        EmailAddress a;
        try {
            a = EmailAddress.parse(call.path("address"));
        } catch (GannetException.Invalid e) {
            throw ApiException.notFound("no such address");
        }
        String key = a.key();
        return store.addresses().byUser(u).filter(x -> x.address().key().equals(key)).next()
                .blockOptional().orElseThrow(() -> ApiException.notFound("no such address"));
    }

    private static AddressItem item(AddressEntry e) {
        return new AddressItem(e.address().toString(), e.address().toString(), e.main());
    }
}
