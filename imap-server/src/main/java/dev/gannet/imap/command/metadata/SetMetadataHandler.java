package dev.gannet.imap.command.metadata;

import dev.gannet.core.store.MetadataStore;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.session.ImapNo;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * SETMETADATA (RFC 5464 §4.3). Everything that can be checked is checked before the first write, so a refused
 * command changes nothing: the value size ({@code [METADATA MAXSIZE n]}), the read-only server entries
 * {@code /shared/comment} and {@code /shared/admin} (§3.2.1.1, set by the administrator, not by IMAP), and the
 * number of entries the user would hold ({@code [METADATA TOOMANY]}). The store counts again at each new entry,
 * so concurrent sessions cannot pass the limit; one that loses that race at the limit may have set the entries
 * before it.
 */
public final class SetMetadataHandler {

    private static final Set<String> READ_ONLY_SERVER = Set.of("/shared/comment", "/shared/admin");

    private SetMetadataHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.SetMetadata c, ImapSession s) {
        long maxSize = s.server().options().metadataMaxSize();
        int maxEntries = s.server().options().metadataMaxEntries();
        for (Map.Entry<String, String> e : c.entries()) {
            if (e.getValue() != null && e.getValue().getBytes(StandardCharsets.UTF_8).length > maxSize) {
                return Mono.just(Tagged.no("METADATA MAXSIZE " + maxSize, "Value too long"));
            }
        }
        var user = s.user().id();
        MetadataStore store = s.store().metadata();
        return MetadataTarget.resolve(s, c.mailbox()).flatMap(target -> {
            if (target.mailbox().isEmpty() && c.entries().stream().anyMatch(e -> READ_ONLY_SERVER.contains(e.getKey()))) {
                return Mono.just(Tagged.no("CANNOT", "/shared/comment and /shared/admin of the server are read-only"));
            }
            // how the count changes: +1 per new entry set, -1 per existing entry removed
            Mono<Long> change = Flux.fromIterable(c.entries())
                    .<Long>concatMap(e -> store.get(user, target.mailbox(), e.getKey(), 0).hasElements()
                            .map(exists -> (long) (exists ? (e.getValue() == null ? -1 : 0) : (e.getValue() == null ? 0 : 1))))
                    .reduce(0L, Long::sum);
            return change.zipWith(store.count(user)).flatMap(t -> {
                if (t.getT1() > 0 && t.getT2() + t.getT1() > maxEntries) {
                    return Mono.error(new ImapNo("METADATA TOOMANY", "Too many metadata entries"));
                }
                return Flux.fromIterable(c.entries())
                        .concatMap(e -> store.set(user, target.mailbox(), e.getKey(),
                                e.getValue() == null ? null : e.getValue().getBytes(StandardCharsets.UTF_8), maxEntries))
                        .filter(r -> r == MetadataStore.SetResult.TOO_MANY)
                        .next()
                        .map(r -> Tagged.no("METADATA TOOMANY", "Too many metadata entries"))
                        .defaultIfEmpty(Tagged.ok("Setmetadata completed"));
            });
        });
    }

}
