package dev.gannet.imap.command.metadata;

import dev.gannet.core.store.MetadataEntry;
import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.protocol.ImapStrings;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GETMETADATA (RFC 5464 §4.2): one {@code METADATA} response with every entry asked and, with DEPTH, the entries
 * below it. An entry asked at depth 0 that does not exist is answered NIL, as Dovecot does. With MAXSIZE, values
 * longer than it are left out and the tagged OK carries {@code [METADATA LONGENTRIES n]}, n the longest left out
 * (§4.2.1).
 */
public final class GetMetadataHandler {

    private GetMetadataHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.GetMetadata c, ImapSession s) {
        return MetadataTarget.resolve(s, c.mailbox()).flatMap(target -> Flux.fromIterable(c.entries())
                .concatMap(e -> s.store().metadata().get(s.user().id(), target.mailbox(), e, c.depth()).collectList()
                        .map(found -> Map.entry(e, found)))
                .collectList()
                .map(results -> {
                    Map<String, String> out = new LinkedHashMap<>();
                    long longest = -1;
                    for (Map.Entry<String, List<MetadataEntry>> r : results) {
                        if (c.depth() == 0 && r.getValue().isEmpty()) {
                            out.putIfAbsent(r.getKey(), null);
                        }
                        for (MetadataEntry e : r.getValue()) {
                            if (c.maxSize() >= 0 && e.value().length > c.maxSize()) {
                                longest = Math.max(longest, e.value().length);
                                continue;
                            }
                            out.putIfAbsent(e.name(), new String(e.value(), StandardCharsets.UTF_8));
                        }
                    }
                    if (!out.isEmpty()) {
                        List<String> items = new ArrayList<>();
                        out.forEach((name, value) -> {
                            items.add(dev.gannet.imap.protocol.MailboxNames.astring(name, s.utf8()));
                            items.add(value == null ? "NIL" : ImapStrings.string(value, s.utf8()));
                        });
                        s.out().untagged("METADATA " + target.wireName() + " (" + String.join(" ", items) + ")");
                    }
                    return longest >= 0 ? Tagged.ok("METADATA LONGENTRIES " + longest, "Getmetadata completed")
                            : Tagged.ok("Getmetadata completed");
                }));
    }
}
