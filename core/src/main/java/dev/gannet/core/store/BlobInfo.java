package dev.gannet.core.store;

import java.time.Instant;

/** A stored attachment blob: its length, how many stored parts refer to it, and when that last changed. */
public record BlobInfo(BlobHash hash, long length, long refCount, Instant lastChanged) {
}
