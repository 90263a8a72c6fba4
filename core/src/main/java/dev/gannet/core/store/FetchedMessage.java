package dev.gannet.core.store;

import java.util.Objects;
import java.util.Optional;

/**
 * What FETCH (RFC 3501 §6.4.5) reads of one message without its bytes: the metadata and, when asked for, the
 * ENVELOPE/BODY/BODYSTRUCTURE text, both taken from one read of the message so that they always describe
 * the same message (a message expunged between two reads would otherwise have metadata but no structure).
 */
public record FetchedMessage(MessageMeta meta, Optional<ImapStructure> structure, Optional<MessageFacts> facts) {

    public FetchedMessage {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(structure, "structure");
        Objects.requireNonNull(facts, "facts");
    }

    public FetchedMessage(MessageMeta meta, Optional<ImapStructure> structure) {
        this(meta, structure, Optional.empty());
    }

    /** The same message with newer metadata (after a flag change). */
    public FetchedMessage withMeta(MessageMeta newer) {
        return new FetchedMessage(newer, structure, facts);
    }

    public Uid uid() {
        return meta.uid();
    }
}
