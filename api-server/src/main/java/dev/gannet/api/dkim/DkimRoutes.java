package dev.gannet.api.dkim;

import dev.gannet.api.Access;
import dev.gannet.api.ApiException;
import dev.gannet.api.Call;
import dev.gannet.api.Cursor;
import dev.gannet.api.Route;
import dev.gannet.core.store.DkimStore;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.MailStore;
import dev.gannet.delivery.dkim.DkimKeySeal;
import dev.gannet.delivery.dkim.DkimKeys;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * DKIM keys at WildDuck's {@code /dkim} paths, root only: list (optionally filtered by domain), add or replace the
 * key of a domain (the given PEM private key, or a fresh RSA 2048 one), resolve a domain to its key's id, get, delete.
 * Every answer shows the public key, its fingerprint and the DNS TXT record to publish; the private key is stored
 * (sealed with {@code dkim.keySecret} when set) and never returned.
 */
public final class DkimRoutes {

    /** RFC 6376 §3.1: a selector is one or more DNS labels. */
    private static final Pattern SELECTOR = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    public record NewKey(String domain, String selector, String privateKey, String description) {
        @Override
        public String toString() {
            return "NewKey[domain=" + domain + ", selector=" + selector + ", privateKey=***]";
        }
    }

    public record DnsTxt(String name, String value) {
    }

    public record KeyInfo(boolean success, String id, String domain, String selector, String description,
            String fingerprint, String publicKey, DnsTxt dnsTxt, String created) {
    }

    public record KeyItem(String id, String domain, String selector, String description, String fingerprint,
            String created) {
    }

    public record KeyList(boolean success, long total, String query, String nextCursor, List<KeyItem> results) {
    }

    public record Resolved(boolean success, String id) {
    }

    public record Success(boolean success) {
    }

    private final MailStore store;
    private final DkimKeySeal seal;

    public DkimRoutes(MailStore store, String keySecret) {
        this.store = store;
        this.seal = new DkimKeySeal(keySecret);
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/dkim").access(Access.ROOT).doc("dkim", "List DKIM keys ordered by domain")
                        .query("query", "string", "only domains containing this text")
                        .query("limit", "integer", "page size, default 20")
                        .query("next", "string", "cursor from the previous page's nextCursor")
                        .returns(KeyList.class).handle(this::list),
                Route.post("/dkim").access(Access.ROOT)
                        .doc("dkim", "Add the DKIM key of a domain, or replace it; without privateKey an RSA 2048 key is generated")
                        .body(NewKey.class).returns(KeyInfo.class).handle(this::create),
                Route.get("/dkim/resolve/{domain}").access(Access.ROOT).doc("dkim", "The id of a domain's DKIM key")
                        .returns(Resolved.class).handle(call -> {
                            DkimStore.Key k = Call.await(store.dkim().byDomain(call.path("domain")), "no DKIM key for that domain");
                            return new Resolved(true, k.id());
                        }),
                Route.get("/dkim/{dkim}").access(Access.ROOT).doc("dkim", "One DKIM key: public key, fingerprint, DNS record")
                        .returns(KeyInfo.class).handle(call -> info(Call.await(store.dkim().get(call.path("dkim")), "no such DKIM key"))),
                Route.delete("/dkim/{dkim}").access(Access.ROOT).doc("dkim", "Delete a DKIM key; mail of its domain goes out unsigned")
                        .returns(Success.class).handle(call -> {
                            if (!Boolean.TRUE.equals(Call.await(store.dkim().delete(call.path("dkim")), "no such DKIM key"))) {
                                throw ApiException.notFound("no such DKIM key");
                            }
                            return new Success(true);
                        }));
    }

    private KeyInfo create(Call call) {
        NewKey req = call.body(NewKey.class);
        if (req.domain() == null || req.domain().isBlank()) {
            throw ApiException.badRequest("field domain is required");
        }
        String domain = Call.field("domain", () -> EmailAddress.wildcard(req.domain().strip()).domain());
        if (req.selector() == null || req.selector().length() > 253 || !SELECTOR.matcher(req.selector()).matches()) {
            throw ApiException.badRequest("field selector must be a DNS label or dotted labels (letters, digits, '-')");
        }
        if (req.description() != null && req.description().length() > 1000) {
            throw ApiException.badRequest("field description must be at most 1000 characters");
        }
        PrivateKey key = req.privateKey() == null || req.privateKey().isBlank() ? DkimKeys.generate()
                : Call.field("privateKey", () -> DkimKeys.parse(req.privateKey()));
        PublicKey pub = DkimKeys.publicKey(key);
        DkimStore.Key stored = Call.await(store.dkim().put(new DkimStore.Key(newId(), domain,
                req.selector().toLowerCase(Locale.ROOT), req.description(), seal.seal(DkimKeys.privatePem(key)),
                DkimKeys.publicPem(pub), DkimKeys.fingerprint(pub), Instant.now())), "no such DKIM key");
        return info(stored);
    }

    private KeyList list(Call call) {
        String query = call.query("query");
        String q = query == null ? "" : query.toLowerCase(Locale.ROOT);
        int limit = call.limit();
        String next = call.query("next");
        String after = next == null ? null : Cursor.decode("dkim", next);
        List<DkimStore.Key> all = store.dkim().list().filter(k -> k.domain().contains(q)).collectList().block();
        List<DkimStore.Key> page = all.stream().filter(k -> after == null || k.domain().compareTo(after) > 0)
                .limit(limit + 1L).toList();
        String cursor = page.size() > limit ? Cursor.encode("dkim", page.get(limit - 1).domain()) : null;
        List<KeyItem> items = page.stream().limit(limit).map(k -> new KeyItem(k.id(), k.domain(), k.selector(),
                k.description(), k.fingerprint(), k.created().toString())).toList();
        return new KeyList(true, all.size(), query, cursor, items);
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private static String newId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    private static KeyInfo info(DkimStore.Key k) {
        PublicKey pub = DkimKeys.readPublic(k.publicKey());
        return new KeyInfo(true, k.id(), k.domain(), k.selector(), k.description(), k.fingerprint(), k.publicKey(),
                new DnsTxt(DkimKeys.dnsName(k.selector(), k.domain()), DkimKeys.dnsValue(pub)), k.created().toString());
    }
}
