package dev.gannet.core.store;

import reactor.core.publisher.Mono;

/**
 * The store's own upkeep, which the {@code tasks} role schedules (docs/store.md "Repair"): deleting expunged
 * messages once no session can still need them, finishing or undoing operations a crash interrupted, and
 * checking the whole store for what a crash can leave behind. Every method is safe to run on several nodes at
 * once and while clients work.
 */
public interface StoreMaintenance {

    /** Deletes for good the expunged messages past {@code store.expungedRetention}; emits how many. */
    Mono<Long> purgeExpunged();

    /**
     * Finishes or undoes the operations unfinished for longer than {@code store.repairGrace}: mailbox renames,
     * deletes and INBOX renames, expunges and moves, user deletions. Emits a one-line summary.
     */
    Mono<String> repair();

    /**
     * Checks the whole store (it reads every message): bytes documents without their message, messages of
     * mailboxes that no longer exist, and attachment reference counts that differ from the messages that use
     * them. Repairs what it finds and emits a one-line summary.
     */
    Mono<String> check();
}
