package dev.gannet.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-message attributes of RFC 8474 (EMAILID), RFC 8514 (SAVEDATE) and RFC 8970 (PREVIEW) that FETCH reads
 * with the metadata. {@code emailId} names the message's content and is shared by its copies; {@code saveDate} is
 * when the message entered its current mailbox, empty for a message stored before Gannet recorded it;
 * {@code preview} is empty when it was not asked for, or asked for lazily and not stored.
 */
public record MessageFacts(String emailId, Optional<Instant> saveDate, Optional<String> preview) {

    public MessageFacts {
        Objects.requireNonNull(emailId, "emailId");
        Objects.requireNonNull(saveDate, "saveDate");
        Objects.requireNonNull(preview, "preview");
    }

    /** How FETCH wants the preview: not at all, only if stored (RFC 8970 LAZY), or computed if need be. */
    public enum PreviewMode { NONE, STORED, COMPUTED }
}
