package dev.gannet.core.store.internal;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.TotpStore;
import dev.gannet.core.store.UserId;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * {@link TotpStore} in the users collection: {@code totpSeed} and {@code totpStep} while TOTP is on,
 * {@code totpPending} between setup and enable, and the method names in {@code enabled2fa}. Every filter is the
 * user's {@code _id}, alone or with the seed it expects, so each is an index lookup on every backend.
 */
final class MongoTotpStore implements TotpStore {

    static final String TOTP = "totp";
    static final String CUSTOM = "custom";
    private final Ctx ctx;

    MongoTotpStore(Ctx ctx) {
        this.ctx = ctx;
    }

    @Override
    public Mono<Boolean> setPending(UserId user, String seed, boolean fresh) {
        Document filter = Ctx.byId(user.value());
        if (!fresh) {
            filter.append("totpSeed", new Document("$exists", false));
        }
        return Errors.guard(Mono.from(ctx.users().updateOne(filter, new Document("$set", new Document("totpPending", seed))))
                .flatMap(r -> r.getMatchedCount() > 0 ? Mono.just(true)
                        : exists(user).flatMap(e -> e ? Mono.just(false) : Mono.error(GannetException.notFound("user " + user)))));
    }

    @Override
    public Mono<String> pending(UserId user) {
        return Errors.guard(Mono.from(ctx.users().find(Ctx.byId(user.value())).projection(new Document("totpPending", 1)).first())
                .flatMap(d -> Mono.justOrEmpty(d.getString("totpPending"))));
    }

    @Override
    public Mono<Totp> enabled(UserId user) {
        return Errors.guard(Mono.from(ctx.users().find(Ctx.byId(user.value()))
                        .projection(new Document("totpSeed", 1).append("totpStep", 1)).first())
                .filter(d -> d.getString("totpSeed") != null)
                .map(d -> new Totp(d.getString("totpSeed"), MailboxDocs.num(d, "totpStep"))));
    }

    @Override
    public Mono<Boolean> enable(UserId user, String seed, long step) {
        return Errors.guard(Mono.from(ctx.users().updateOne(Ctx.byId(user.value()).append("totpPending", seed),
                        new Document("$set", new Document("totpSeed", seed).append("totpStep", step))
                                .append("$unset", new Document("totpPending", ""))
                                .append("$addToSet", new Document("enabled2fa", TOTP))))
                .map(r -> r.getModifiedCount() > 0));
    }

    @Override
    public Mono<Boolean> useStep(UserId user, String seed, long step) {
        // the step before this write says whether it was raised: of two requests with one code, one wins
        return Errors.guard(Mono.from(ctx.users().findOneAndUpdate(Ctx.byId(user.value()).append("totpSeed", seed),
                        new Document("$max", new Document("totpStep", step)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)
                                .projection(new Document("totpStep", 1))))
                .map(before -> MailboxDocs.num(before, "totpStep") < step)
                .defaultIfEmpty(false));
    }

    @Override
    public Mono<Boolean> disable(UserId user) {
        return Errors.guard(Mono.from(ctx.users().updateOne(Ctx.byId(user.value()),
                        new Document("$unset", new Document("totpSeed", "").append("totpStep", "").append("totpPending", ""))
                                .append("$pull", new Document("enabled2fa", TOTP))))
                .flatMap(r -> r.getMatchedCount() == 0 ? Mono.error(GannetException.notFound("user " + user))
                        : Mono.just(r.getModifiedCount() > 0)));
    }

    @Override
    public Mono<Boolean> setCustom(UserId user, boolean on) {
        Document change = on ? new Document("$addToSet", new Document("enabled2fa", CUSTOM))
                : new Document("$pull", new Document("enabled2fa", CUSTOM));
        return Errors.guard(Mono.from(ctx.users().updateOne(Ctx.byId(user.value()), change))
                .flatMap(r -> r.getMatchedCount() == 0 ? Mono.error(GannetException.notFound("user " + user))
                        : Mono.just(r.getModifiedCount() > 0)));
    }

    private Mono<Boolean> exists(UserId user) {
        return Mono.from(ctx.users().find(Ctx.byId(user.value())).projection(new Document("_id", 1)).first()).hasElement();
    }
}
