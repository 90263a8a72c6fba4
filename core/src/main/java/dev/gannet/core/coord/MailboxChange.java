package dev.gannet.core.coord;

import java.util.Objects;

/**
 * One ring of the change bell: "mailbox {@code mailboxId} of user {@code userId} changed up to
 * {@code modseq}". Readers treat it as a hint to read the journal after the modseq they last saw; the
 * journal, not this value, is the truth, so a lost or repeated change is harmless.
 */
public record MailboxChange(String userId, String mailboxId, long modseq) {

    public MailboxChange {
        requireToken(userId, "userId");
        requireToken(mailboxId, "mailboxId");
        if (modseq < 0) {
            throw new IllegalArgumentException("modseq must be >= 0, was " + modseq);
        }
    }

    /** Ids travel in Redis channel names and payloads, so they must be non-empty and free of whitespace. */
    static void requireToken(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i)) || Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(name + " must not contain whitespace or control characters");
            }
        }
    }
}
