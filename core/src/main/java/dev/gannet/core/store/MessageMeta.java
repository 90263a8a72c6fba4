package dev.gannet.core.store;

import java.time.Instant;

/** The per-message fields FETCH (UID FLAGS MODSEQ RFC822.SIZE INTERNALDATE) answers without the body. */
public record MessageMeta(Uid uid, ModSeq modseq, Flags flags, long size, Instant internalDate, String threadId) {
}
