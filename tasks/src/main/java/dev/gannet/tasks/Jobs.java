package dev.gannet.tasks;

import dev.gannet.core.config.Settings;
import dev.gannet.core.store.User;

import java.util.List;

/**
 * The jobs the tasks role runs. The store offers each as a method; this is only their schedule.
 * TTL indexes do not expire anything on the embedded store (EMBEDDED-STORE.md §6.4), so trimming is
 * done here on every deployment.
 */
final class Jobs {

    private Jobs() {
    }

    static List<Job> all() {
        return List.of(
                // Journal entries older than store.journalRetention.
                new Job("journal-trim", c -> c.config().get(Settings.TASKS_JOURNAL_TRIM_INTERVAL),
                        c -> c.store().journal().trim(c.config().get(Settings.STORE_JOURNAL_RETENTION))
                                .map(n -> n + " journal entries removed")),
                // Auth log events past auth.logRetention (each carries its expires).
                new Job("authlog-trim", c -> c.config().get(Settings.TASKS_AUTHLOG_TRIM_INTERVAL),
                        c -> c.store().authLog().purge().map(n -> n + " auth log events removed")),
                // Attachment blobs nothing has referred to for store.blobGcGrace.
                new Job("blob-gc", c -> c.config().get(Settings.TASKS_BLOB_GC_INTERVAL),
                        c -> c.store().blobs().collect(c.config().get(Settings.BLOB_GC_GRACE))
                                .map(n -> n + " unreferenced blobs removed")),
                // Expunged messages kept for sessions not yet told, once store.expungedRetention has passed.
                new Job("purge", c -> c.config().get(Settings.TASKS_PURGE_INTERVAL),
                        c -> c.store().maintenance().purgeExpunged().map(n -> n + " expunged messages deleted")),
                // Operations a crash interrupted: mailbox tree changes, expunges and moves, user deletions.
                new Job("repair", c -> c.config().get(Settings.TASKS_REPAIR_INTERVAL),
                        c -> c.store().maintenance().repair()),
                // What a crash between two writes can leave anywhere in the store (reads every message).
                new Job("check", c -> c.config().get(Settings.TASKS_CHECK_INTERVAL),
                        c -> c.store().maintenance().check(), false),
                // Every user's storage, so that drift from a crash between two writes is repaired.
                new Job("quota-recount", c -> c.config().get(Settings.TASKS_QUOTA_RECOUNT_INTERVAL),
                        c -> c.store().users().list().map(User::id)
                                .concatMap(id -> c.store().quota().recount(id))
                                .count()
                                .map(n -> "storage recounted for " + n + " users"), false));
    }
}
