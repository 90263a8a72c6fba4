package dev.gannet.delivery.sieve;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** What a script decided to do with the message (RFC 5228 §4, and the actions of the extensions). */
public sealed interface Action {

    /** Store in INBOX with these flags (RFC 5232 §5; empty for none). The implicit keep is one too. */
    record Keep(Set<String> flags) implements Action {
        public Keep {
            flags = Set.copyOf(flags);
        }
    }

    /** Store in {@code mailbox}; {@code create}: make it when missing (RFC 5490 §3), else unknown means INBOX. */
    record FileInto(String mailbox, Set<String> flags, boolean create) implements Action {
        public FileInto {
            flags = Set.copyOf(flags);
        }
    }

    record Discard() implements Action {
    }

    /** Send the message as it came to {@code address} (RFC 5228 §4.2). */
    record Redirect(String address) implements Action {
    }

    /** Refuse delivery (RFC 5429); at LMTP the recipient gets 550 with the reason. */
    record Reject(String reason, boolean ereject) implements Action {
    }

    /**
     * Reply to the sender (RFC 5230); whether a reply is actually sent (once per sender per period, never to
     * lists, bulk or automatic mail) is the delivery's decision.
     *
     * @param from the :from address, or null for the recipient's own
     * @param subject the :subject, or null for "Auto: " and the original subject
     * @param addresses the :addresses the user also receives mail at
     * @param handle the :handle, or a hash of the reply's parameters when none was given
     */
    record Vacation(String reason, boolean mime, String subject, String from, List<String> addresses, Duration period,
            String handle) implements Action {
        public Vacation {
            addresses = List.copyOf(addresses);
        }
    }
}
