package dev.gannet.core.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A mailbox with the counters IMAP STATUS and SELECT answer from (RFC 3501 §6.3.10): they are kept exact by
 * {@code $inc} on every change, so nothing ever counts messages. {@code uidValidity} stays the same for the
 * life of the mailbox; a deleted and re-created name gets a larger one.
 *
 * @param highestModseq the highest modseq allocated (RFC 7162 HIGHESTMODSEQ)
 */
public record Mailbox(MailboxId id, UserId user, MailboxName name, Optional<SpecialUse> specialUse,
        boolean subscribed, long uidValidity, long uidNext, ModSeq highestModseq, long messages, long unseen,
        long bytes) {
    public Mailbox {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(specialUse, "specialUse");
        Objects.requireNonNull(highestModseq, "highestModseq");
    }
}
