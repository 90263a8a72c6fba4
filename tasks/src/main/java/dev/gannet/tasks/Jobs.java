package dev.gannet.tasks;

import dev.gannet.core.config.Settings;
import dev.gannet.core.node.NodeContext;
import dev.gannet.core.store.User;
import reactor.core.publisher.Mono;

import java.time.Duration;
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
        return List.of(new JournalTrim(), new BlobCollector(), new QuotaRecount());
    }

    /** Drops journal entries older than {@code store.journalRetention}. */
    static final class JournalTrim implements Job {
        @Override
        public String name() {
            return "journal-trim";
        }

        @Override
        public Duration interval(NodeContext context) {
            return context.config().get(Settings.TASKS_JOURNAL_TRIM_INTERVAL);
        }

        @Override
        public Mono<String> run(NodeContext context) {
            return context.store().journal().trim(context.config().get(Settings.STORE_JOURNAL_RETENTION))
                    .map(n -> n + " journal entries removed");
        }
    }

    /** Deletes attachment blobs nothing has referred to for {@code store.blobGcGrace}. */
    static final class BlobCollector implements Job {
        @Override
        public String name() {
            return "blob-gc";
        }

        @Override
        public Duration interval(NodeContext context) {
            return context.config().get(Settings.TASKS_BLOB_GC_INTERVAL);
        }

        @Override
        public Mono<String> run(NodeContext context) {
            return context.store().blobs().collect(context.config().get(Settings.BLOB_GC_GRACE))
                    .map(n -> n + " unreferenced blobs removed");
        }
    }

    /** Recounts every user's storage so that drift from a crash between two writes is repaired. */
    static final class QuotaRecount implements Job {
        @Override
        public String name() {
            return "quota-recount";
        }

        @Override
        public Duration interval(NodeContext context) {
            return context.config().get(Settings.TASKS_QUOTA_RECOUNT_INTERVAL);
        }

        @Override
        public Mono<String> run(NodeContext context) {
            return context.store().users().list()
                    .map(User::id)
                    .concatMap(id -> context.store().quota().recount(id))
                    .count()
                    .map(n -> "storage recounted for " + n + " users");
        }
    }
}
