package dev.gannet.imap.command.enable;

import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.session.ImapSession;
import dev.gannet.imap.session.Tagged;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;

/**
 * ENABLE (RFC 5161): turns on the extensions named that this server supports and that need enabling,
 * and lists in {@code * ENABLED} those newly enabled; unknown names are ignored, as §3.1 requires. QRESYNC
 * (RFC 7162 §3.2.3) enables CONDSTORE with it. IMAP4rev2 (RFC 9051 §6.3.1) turns the session to RFC 9051's
 * responses; names are compared case-insensitively and {@code * ENABLED} spells them as CAPABILITY does.
 */
public final class EnableHandler {

    /** Extensions that change the server's behaviour once enabled and are implemented. */
    private static final List<String> ENABLEABLE = List.of("CONDSTORE", "QRESYNC", "UTF8=ACCEPT", "IMAP4rev2");

    private EnableHandler() {
    }

    public static Mono<Tagged> handle(ImapCommand.Enable c, ImapSession s) {
        List<String> newly = new ArrayList<>();
        for (String asked : c.extensions()) {
            String ext = ENABLEABLE.stream().filter(asked::equalsIgnoreCase).findFirst().orElse(null);
            if (ext != null && s.capabilities().contains(ext) && !s.isEnabled(ext)) {
                s.enable(ext);
                newly.add(ext);
                if (ext.equals("QRESYNC")) {
                    // RFC 7162 §3.2.3: QRESYNC implies CONDSTORE, which ENABLED does not list unless it was asked for
                    s.enable("CONDSTORE");
                }
            }
        }
        s.out().untagged(newly.isEmpty() ? "ENABLED" : "ENABLED " + String.join(" ", newly));
        return Mono.just(Tagged.ok("ENABLE completed"));
    }
}
