package dev.gannet.core.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A mailbox with the counters IMAP STATUS and SELECT answer from (RFC 3501 §6.3.10): they are kept exact by
 * {@code $inc} on every change, so nothing ever counts messages. {@code uidValidity} stays the same for the
 * life of the mailbox; a deleted and re-created name gets a larger one.
 *
 * @param highestModseq the highest modseq allocated (RFC 7162 HIGHESTMODSEQ)
 * @param keywords the keywords messages of the mailbox have carried (RFC 3501 §2.3.2 FLAGS and PERMANENTFLAGS),
 *     in the case first stored; the store adds to it on APPEND, COPY and STORE and never removes from it
 */
public record Mailbox(MailboxId id, UserId user, MailboxName name, Optional<SpecialUse> specialUse,
        boolean subscribed, long uidValidity, long uidNext, ModSeq highestModseq, long messages, long unseen,
        long bytes, List<String> keywords) {
    public Mailbox {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(specialUse, "specialUse");
        Objects.requireNonNull(highestModseq, "highestModseq");
        keywords = List.copyOf(keywords);
    }
}
