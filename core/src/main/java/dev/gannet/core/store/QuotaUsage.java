package dev.gannet.core.store;

/** A user's storage: bytes used (exact, RFC 9208 STORAGE in bytes) and the limit (0 = unlimited). */
public record QuotaUsage(long used, long limit) {
    public boolean unlimited() {
        return limit == 0;
    }

    /** True if storing {@code bytes} more would pass the limit. */
    public boolean exceededBy(long bytes) {
        return !unlimited() && used + bytes > limit;
    }
}
