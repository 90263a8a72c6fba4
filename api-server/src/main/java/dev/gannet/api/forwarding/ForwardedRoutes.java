package dev.gannet.api.forwarding;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gannet.api.Access;
import dev.gannet.api.ApiException;
import dev.gannet.api.Call;
import dev.gannet.api.Route;
import dev.gannet.api.autoreply.AutoreplyRoutes;
import dev.gannet.api.autoreply.AutoreplyRoutes.AutoreplyBody;
import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import dev.gannet.core.coord.RateLimit;
import dev.gannet.core.coord.RateLimiter;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.Autoreply;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.ForwardedAddress;
import dev.gannet.core.store.MailStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * WildDuck's forwarded addresses ({@code /addresses/forwarded}), root only: an address that belongs to no user
 * and forwards every message to its targets, with a daily limit ({@code forwards}, 0 = {@code rules.forwardsPerDay}).
 * {@code {address}} in a path is the id from the create answer or the address itself. The address cannot be
 * changed (delete and create); {@code autoreply} is stored and shown, not sent (docs/api.md).
 */
public final class ForwardedRoutes {

    public record AutoreplyFields(Boolean status, String name, String subject, String text, String html, Object start,
            Object end) {
    }

    public record NewForwarded(String address, String name, List<String> targets, Long forwards, Boolean allowWildcard,
            AutoreplyFields autoreply, List<String> tags, String sess, String ip) {
    }

    public record UpdateForwarded(String address, String name, List<String> targets, Long forwards,
            AutoreplyFields autoreply, List<String> tags, Boolean forwardedDisabled, String sess, String ip) {
    }

    public record Created(boolean success, String id) {
    }

    public record Success(boolean success) {
    }

    public record Forwards(long allowed, long used, long ttl) {
    }

    public record Limits(Forwards forwards) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AutoreplyInfo(boolean status, String name, String subject, String text, String html, String start,
            String end) {
    }

    public record ForwardedInfo(boolean success, String id, String address, String name, List<String> targets,
            Limits limits, AutoreplyInfo autoreply, String created, List<String> tags, boolean forwardedDisabled) {
    }

    private final MailStore store;
    private final RateLimiter limiter;
    private final int defaultForwards;

    public ForwardedRoutes(MailStore store, RateLimiter limiter, GannetConfig config) {
        this.store = store;
        this.limiter = limiter;
        this.defaultForwards = config.get(Settings.RULES_FORWARDS_PER_DAY);
    }

    public List<Route> routes() {
        return List.of(
                Route.post("/addresses/forwarded").access(Access.ROOT)
                        .doc("addresses", "Create a forwarded address: mail to it goes to its targets")
                        .body(NewForwarded.class).returns(Created.class).handle(this::create),
                Route.get("/addresses/forwarded/{address}").access(Access.ROOT)
                        .doc("addresses", "One forwarded address, by id or address").returns(ForwardedInfo.class)
                        .handle(call -> info(existing(call))),
                Route.put("/addresses/forwarded/{address}").access(Access.ROOT)
                        .doc("addresses", "Change a forwarded address's name, targets, limit, autoreply, tags or forwardedDisabled")
                        .body(UpdateForwarded.class).returns(Success.class).handle(this::update),
                Route.delete("/addresses/forwarded/{address}").access(Access.ROOT)
                        .doc("addresses", "Delete a forwarded address").returns(Success.class).handle(call -> {
                            ForwardedAddress a = existing(call);
                            if (!Boolean.TRUE.equals(store.forwarding().delete(a.id()).block())) {
                                throw ApiException.notFound("no such forwarded address");
                            }
                            return new Success(true);
                        }));
    }

    private ForwardedAddress existing(Call call) {
        String key = call.path("address");
        ForwardedAddress a;
        if (key.contains("@")) {
            EmailAddress address;
            try {
                address = EmailAddress.parse(key);
            } catch (GannetException.Invalid e) {
                throw ApiException.notFound("no such forwarded address");
            }
            a = store.forwarding().byAddress(address).block();
        } else {
            a = store.forwarding().get(key).block();
        }
        if (a == null) {
            throw ApiException.notFound("no such forwarded address");
        }
        return a;
    }

    private Created create(Call call) {
        NewForwarded req = call.body(NewForwarded.class);
        if (req.address() == null) {
            throw ApiException.badRequest("field address is required");
        }
        EmailAddress address = Call.field("address", () -> EmailAddress.parse(req.address()));
        if (address.isWildcard() && !Boolean.TRUE.equals(req.allowWildcard())) {
            throw ApiException.badRequest("field address: a wildcard address needs allowWildcard: true");
        }
        if (address.localPart().contains("*") && !address.isWildcard()) {
            throw ApiException.badRequest("field address: only *@domain wildcards are supported");
        }
        List<String> targets = ForwardingInput.targets(req.targets(), "targets");
        if (targets == null || targets.isEmpty()) {
            throw ApiException.badRequest("field targets: name at least one e-mail address");
        }
        Long forwards = ForwardingInput.forwards(req.forwards(), "forwards");
        ForwardedAddress a = new ForwardedAddress(ForwardedAddress.newId(), address, name(req.name()), targets,
                forwards == null ? 0 : forwards, autoreply(null, req.autoreply()), tags(req.tags()), false, Instant.now());
        Call.await(store.forwarding().create(a), "address");
        return new Created(true, a.id());
    }

    private Success update(Call call) {
        ForwardedAddress a = existing(call);
        UpdateForwarded req = call.body(UpdateForwarded.class);
        if (req.address() != null) {
            EmailAddress given = Call.field("address", () -> EmailAddress.parse(req.address()));
            if (!given.key().equals(a.address().key())) {
                throw ApiException.badRequest("field address: a forwarded address cannot be renamed; delete it and create the new one");
            }
        }
        List<String> targets = ForwardingInput.targets(req.targets(), "targets");
        if (targets != null && targets.isEmpty()) {
            throw ApiException.badRequest("field targets: name at least one e-mail address");
        }
        Long forwards = ForwardingInput.forwards(req.forwards(), "forwards");
        ForwardedAddress next = new ForwardedAddress(a.id(), a.address(), req.name() == null ? a.name() : name(req.name()),
                targets == null ? a.targets() : targets, forwards == null ? a.forwards() : forwards,
                req.autoreply() == null ? a.autoreply() : autoreply(a.autoreply(), req.autoreply()),
                req.tags() == null ? a.tags() : tags(req.tags()),
                req.forwardedDisabled() == null ? a.forwardedDisabled() : req.forwardedDisabled(), a.created());
        if (!Boolean.TRUE.equals(store.forwarding().update(next).block())) {
            throw ApiException.notFound("no such forwarded address");
        }
        return new Success(true);
    }

    private ForwardedInfo info(ForwardedAddress a) {
        long allowed = a.forwards() > 0 ? a.forwards() : defaultForwards;
        RateLimit limit = new RateLimit((int) Math.min(Integer.MAX_VALUE, allowed), Duration.ofDays(1));
        RateLimit.Result used = limiter.peek("forwards:address:" + a.id(), limit).block();
        long count = used == null ? 0 : used.count();
        Autoreply r = a.autoreply() == null ? new Autoreply(false, "", "", "", "", null, null, null) : a.autoreply();
        return new ForwardedInfo(true, a.id(), a.address().toString(), a.name(), a.targets(),
                new Limits(new Forwards(allowed, count, 86_400)),
                new AutoreplyInfo(r.status(), r.name(), r.subject(), r.text(), r.html(),
                        r.start() == null ? null : r.start().toString(), r.end() == null ? null : r.end().toString()),
                a.created().toString(), a.tags(), a.forwardedDisabled());
    }

    private static String name(String name) {
        if (name == null) {
            return "";
        }
        if (name.length() > 255) {
            throw ApiException.badRequest("field name: at most 255 characters");
        }
        return name.strip();
    }

    private static List<String> tags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        if (tags.size() > 100) {
            throw ApiException.badRequest("field tags: at most 100 tags");
        }
        for (String t : tags) {
            if (t == null || t.isBlank() || t.length() > 128) {
                throw ApiException.badRequest("field tags: each tag is 1..128 characters");
            }
        }
        return tags.stream().map(t -> t.strip().toLowerCase(java.util.Locale.ROOT)).distinct().toList();
    }

    private static Autoreply autoreply(Autoreply old, AutoreplyFields f) {
        if (f == null) {
            return old;
        }
        return AutoreplyRoutes.merge(old, new AutoreplyBody(f.status(), f.name(), f.subject(), f.text(), f.html(),
                f.start(), f.end(), null, null));
    }
}
