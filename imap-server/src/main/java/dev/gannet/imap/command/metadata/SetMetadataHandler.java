package dev.gannet.imap.command.metadata;

import dev.gannet.core.store.MetadataStore;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * SETMETADATA (RFC 5464 §4.3). Everything that can be checked is checked before the first write, so a refused
 * command changes nothing: the value size ({@code [METADATA MAXSIZE n]}), the read-only server entries
 * {@code /shared/comment} and {@code /shared/admin} (§3.2.1.1, set by the administrator, not by IMAP), and the
 * number of entries the user would hold ({@code [METADATA TOOMANY]}), which the store checks for all the
 * command's entries at once: of sessions racing at the limit, each sets all its entries or none.
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
            Map<String, byte[]> values = new LinkedHashMap<>();
            c.entries().forEach(e -> values.put(e.getKey(), e.getValue() == null ? null : e.getValue().getBytes(StandardCharsets.UTF_8)));
            return store.set(user, target.mailbox(), values, maxEntries)
                    .map(r -> r == MetadataStore.SetResult.TOO_MANY ? Tagged.no("METADATA TOOMANY", "Too many metadata entries")
                            : Tagged.ok("Setmetadata completed"));
        });
    }

}
