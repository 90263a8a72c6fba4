package dev.gannet.core.plugin;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.MailboxName;
import java.util.List;
import java.util.Optional;

/**
 * A before-store hook's answer. Added header lines are prepended to the message, above everything that
 * was received (like trace fields, RFC 5322 §3.6.7), never inserted inside it, so the original bytes
 * stay intact after them.
 */
public sealed interface StoreDecision {

    /** Store it, with these extra header lines ({@code Name: value}) and optionally into another mailbox. */
    record Accept(List<String> addHeaders, Optional<MailboxName> mailbox) implements StoreDecision {
        public Accept {
            addHeaders = List.copyOf(addHeaders);
            for (String h : addHeaders) {
                int colon = h.indexOf(':');
                if (colon <= 0 || h.indexOf('\r') >= 0 || h.indexOf('\n') >= 0 || !h.substring(0, colon).matches("[!-9;-~]+")) {
                    throw GannetException.invalid("plugin header must be one 'Name: value' line");
                }
            }
        }
    }

    /** Refuse it; {@code reason} may be shown to the sender. */
    record Reject(String reason) implements StoreDecision {
    }

    static StoreDecision accept() {
        return new Accept(List.of(), Optional.empty());
    }

    static StoreDecision addHeader(String line) {
        return new Accept(List.of(line), Optional.empty());
    }

    static StoreDecision into(MailboxName mailbox) {
        return new Accept(List.of(), Optional.of(mailbox));
    }

    static StoreDecision reject(String reason) {
        return new Reject(reason);
    }
}
