package dev.gannet.core.internal.embedded;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * The H2 backend of mongo-java-server made durable: a command's reply leaves only after everything it
 * wrote is committed to the MVStore file and synced to disk. Stock H2Backend commits in the background
 * about once a second without syncing, so a crash loses acknowledged writes (EMBEDDED-STORE.md §4).
 * Commits are grouped: a writer whose changes were already covered by another thread's commit and sync
 * does not sync again, so concurrent writers share one fsync.
 */
final class DurableH2Backend extends H2Backend {

    private final MVStore store;
    private final Object commitLock = new Object();
    /** The highest MVStore version whose changes are committed and synced. */
    private long durableVersion = -1;

    DurableH2Backend(MVStore store) {
        super(store);
        this.store = store;
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            makeDurable();
        }
    }

    /** Commits and syncs whatever this thread's command changed, unless another thread already did. */
    private void makeDurable() {
        if (!store.hasUnsavedChanges()) {
            return;
        }
        long mine = store.getCurrentVersion();
        synchronized (commitLock) {
            if (durableVersion >= mine) {
                return;
            }
            long committing = store.getCurrentVersion();
            store.commit();
            store.sync();
            durableVersion = committing;
        }
    }
}
