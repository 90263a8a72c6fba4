package dev.gannet.core.store;

import reactor.core.publisher.Mono;

/**
 * Storage quota (RFC 9208 STORAGE). Usage is kept exact by {@code $inc} on every append, copy and
 * expunge; {@link #recount} rebuilds it from the messages to repair drift after a crash.
 */
public interface QuotaStore {

    Mono<QuotaUsage> get(UserId user);

    /** 0 = unlimited. */
    Mono<Void> setLimit(UserId user, long limit);

    /** Errors with OVER_QUOTA if {@code bytes} more would not fit. Advisory: the write re-checks. */
    Mono<Void> check(UserId user, long bytes);

    /** Recomputes usage and per-mailbox counters from the stored messages; emits the corrected usage. */
    Mono<QuotaUsage> recount(UserId user);
}
