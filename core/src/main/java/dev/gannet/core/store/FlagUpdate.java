package dev.gannet.core.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A STORE (RFC 3501 §6.4.6): replace, add or remove flags, optionally only where the message's modseq is
 * not above {@code unchangedSince} (RFC 7162 §3.1.3, CONDSTORE).
 */
public record FlagUpdate(Mode mode, Flags flags, Optional<ModSeq> unchangedSince) {

    /** FLAGS, +FLAGS, -FLAGS. */
    public enum Mode { REPLACE, ADD, REMOVE }

    public FlagUpdate {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(unchangedSince, "unchangedSince");
    }

    public static FlagUpdate add(Flags f) {
        return new FlagUpdate(Mode.ADD, f, Optional.empty());
    }

    public static FlagUpdate remove(Flags f) {
        return new FlagUpdate(Mode.REMOVE, f, Optional.empty());
    }

    public static FlagUpdate replace(Flags f) {
        return new FlagUpdate(Mode.REPLACE, f, Optional.empty());
    }

    public FlagUpdate unchangedSince(long modseq) {
        return new FlagUpdate(mode, flags, Optional.of(ModSeq.of(modseq)));
    }
}
