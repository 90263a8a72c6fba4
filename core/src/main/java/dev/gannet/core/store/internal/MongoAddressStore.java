package dev.gannet.core.store.internal;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.AddressEntry;
import dev.gannet.core.store.AddressStore;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.Resolution;
import dev.gannet.core.store.UserId;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Addresses keyed by their normalised form ({@code _id} = {@link EmailAddress#key()}), so uniqueness and
 * resolution are exact {@code _id} lookups: the address itself, then its untagged form (RFC 5233
 * sub-addressing), then the {@code *@domain} wildcard.
 */
final class MongoAddressStore implements AddressStore {

    private final Ctx ctx;

    MongoAddressStore(Ctx ctx) {
        this.ctx = ctx;
    }

    @Override
    public Mono<AddressEntry> add(UserId user, EmailAddress address, boolean main) {
        return Errors.guard(Mono.from(ctx.users().find(Ctx.byId(user.value())).first())
                .switchIfEmpty(Mono.error(() -> GannetException.notFound("user " + user)))
                .then(byUser(user).hasElements())
                .flatMap(hasAny -> {
                    boolean isMain = main || !hasAny;
                    return insert(user, address).then(isMain ? setMain(user, address) : Mono.empty())
                            .thenReturn(new AddressEntry(address, user, isMain));
                }));
    }

    private Mono<Void> insert(UserId user, EmailAddress address) {
        Document doc = new Document("_id", address.key()).append("address", address.toString())
                .append("user", user.value()).append("main", false).append("wildcard", address.isWildcard())
                .append("domain", address.domain());
        return Mono.from(ctx.addresses().insertOne(doc))
                .onErrorMap(Errors::isDuplicateKey, e -> GannetException.alreadyExists("address " + address))
                .then();
    }

    @Override
    public Mono<AddressEntry> addSubAddress(UserId user, EmailAddress address, boolean main) {
        EmailAddress base = address.withoutTag();
        if (base == null || address.isWildcard()) {
            return Mono.error(GannetException.invalid("address " + address + " is not a sub-address (name+tag@domain)"));
        }
        Mono<Boolean> baseIsOwn = Mono.defer(() -> get(base)).map(e -> e.user().equals(user)).defaultIfEmpty(false);
        Mono<AddressEntry> conflict = Mono.error(() -> GannetException.conflict("address " + base + " is not the user's"));
        // inserted as not main, then the untagged form checked again: a delete of name@d that raced the
        // insert either sees this sub-address (and removes it with name@d) or runs before the check here
        Mono<AddressEntry> finish = main
                ? setMain(user, address).onErrorMap(GannetException.NotFound.class,
                        e -> GannetException.conflict("address " + address + " was removed with " + base))
                        .thenReturn(new AddressEntry(address, user, true))
                : Mono.just(new AddressEntry(address, user, false));
        return Errors.guard(baseIsOwn.flatMap(own -> own ? insert(user, address).thenReturn(true) : conflict.thenReturn(false))
                .flatMap(inserted -> baseIsOwn.flatMap(still -> still
                        ? finish
                        // the undo names the owner too, so it never removes what someone else holds by now
                        : Mono.from(ctx.addresses().deleteOne(owned(address, user))).then(conflict))));
    }

    @Override
    public Mono<AddressEntry> get(EmailAddress address) {
        return Errors.guard(Mono.defer(() -> Mono.from(ctx.addresses().find(Ctx.byId(address.key())).first()))
                .filter(d -> d.getString("user") != null)
                .map(MongoAddressStore::toEntry));
    }

    @Override
    public Mono<Void> remove(EmailAddress address) {
        return Errors.guard(Mono.from(ctx.addresses().findOneAndDelete(Ctx.byId(address.key())))
                .switchIfEmpty(Mono.error(() -> GannetException.notFound("address " + address)))
                .flatMap(d -> address.isWildcard() || address.withoutTag() != null ? Mono.empty()
                        : byUser(new UserId(d.getString("user")))
                                .filter(e -> AddressStore.isSubAddressOf(e.address(), address))
                                .concatMap(e -> Mono.from(ctx.addresses().deleteOne(owned(e.address(), e.user()))))
                                .then()));
    }

    /**
     * The address as long as {@code user} holds it: a delete by this filter never removes an address that changed
     * hands meanwhile. Anchored on {@code _id}, so an index lookup on MongoDB and on both embedded backends.
     */
    private static Document owned(EmailAddress address, UserId user) {
        return new Document("_id", address.key()).append("user", user.value());
    }

    Mono<Void> removeAllOf(UserId user) {
        return Mono.from(ctx.addresses().deleteMany(new Document("user", user.value()))).then();
    }

    @Override
    public Flux<AddressEntry> byUser(UserId user) {
        return Errors.guard(Flux.from(ctx.addresses().find(new Document("user", user.value())))
                .map(MongoAddressStore::toEntry));
    }

    static AddressEntry toEntry(Document d) {
        return new AddressEntry(EmailAddress.parse(d.getString("address")), new UserId(d.getString("user")),
                Boolean.TRUE.equals(d.getBoolean("main")));
    }

    /** Sets the new main first, then clears the others, so the user always has at least one main. */
    @Override
    public Mono<Void> setMain(UserId user, EmailAddress address) {
        return Errors.guard(Mono.from(ctx.addresses().find(Ctx.byId(address.key())).first())
                .filter(d -> user.value().equals(d.getString("user")))
                .switchIfEmpty(Mono.error(() -> GannetException.notFound("address " + address + " of " + user)))
                .then(Mono.from(ctx.addresses().updateOne(Ctx.byId(address.key()),
                        new Document("$set", new Document("main", true)))))
                .thenMany(byUser(user))
                .filter(e -> e.main() && !e.address().key().equals(address.key()))
                .concatMap(e -> Mono.from(ctx.addresses().updateOne(Ctx.byId(e.address().key()),
                        new Document("$set", new Document("main", false)))))
                .then());
    }

    @Override
    public Mono<Resolution> resolve(EmailAddress address) {
        EmailAddress untagged = address.withoutTag();
        EmailAddress wildcard = EmailAddress.wildcard(address.domain());
        Mono<Resolution> exact = lookup(address, address, Resolution.Kind.EXACT);
        Mono<Resolution> tag = untagged == null ? Mono.empty() : lookup(address, untagged, Resolution.Kind.PLUS_TAG);
        Mono<Resolution> wild = lookup(address, wildcard, Resolution.Kind.WILDCARD);
        return Errors.guard(exact.switchIfEmpty(tag).switchIfEmpty(wild));
    }

    @Override
    public Mono<Boolean> hostsDomain(String domain) {
        String normalised;
        try {
            normalised = EmailAddress.wildcard(domain).domain();
        } catch (GannetException.Invalid e) {
            return Mono.just(false);
        }
        return Errors.guard(Mono.defer(() -> Mono.from(ctx.addresses().find(new Document("domain", normalised))
                .projection(new Document("_id", 1)).first())).hasElement());
    }

    private Mono<Resolution> lookup(EmailAddress requested, EmailAddress candidate, Resolution.Kind kind) {
        return Mono.defer(() -> Mono.from(ctx.addresses().find(Ctx.byId(candidate.key())).first()))
                .map(d -> d.getString("user") == null
                        // a forwarded address (ForwardingStore): found by the same steps, owned by nobody
                        ? new Resolution(null, requested, EmailAddress.parse(d.getString("address")), Resolution.Kind.FORWARDED)
                        : new Resolution(new UserId(d.getString("user")), requested,
                                EmailAddress.parse(d.getString("address")), kind));
    }
}
