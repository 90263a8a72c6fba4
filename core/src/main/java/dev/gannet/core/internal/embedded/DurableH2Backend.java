package dev.gannet.core.internal.embedded;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The H2 backend of mongo-java-server made durable: a write command's reply leaves only after a commit
 * that includes the write has been synced to disk. Stock H2Backend commits in the background about once
 * a second without syncing, so a crash loses acknowledged writes (EMBEDDED-STORE.md §4).
 *
 * <p>Commits are grouped. A write is covered only by a commit that <em>started</em> after the write
 * finished: a commit already under way may have taken its snapshot before the write landed, and the
 * store version alone cannot tell (a write racing a commit lands in the next version). So each commit
 * takes a ticket before its snapshot; a writer notes the last ticket issued once its write is done and
 * needs a completed commit with a later ticket. Concurrent writers therefore share one fsync, and none
 * is acknowledged on the strength of a commit that may have missed it. Steps of a larger operation, sent with
 * {@code j: false}, wait for that operation's last write instead (see {@link #isStep}).
 */
final class DurableH2Backend extends H2Backend {

    /** Commands that never change data; everything else is treated as a write. */
    private static final Set<String> READS = Set.of("find", "getmore", "count", "distinct", "listcollections",
            "listindexes", "listdatabases", "ismaster", "hello", "ping", "buildinfo", "serverstatus", "killcursors",
            "endsessions", "getlasterror", "whatsmyuri", "getparameter", "getlog", "hostinfo", "dbstats",
            "collstats", "connectionstatus", "getcmdlineopts", "getfreemonitoringstatus");

    private final MVStore store;
    private final Object commitLock = new Object();
    /** The ticket of the last commit that started (taken before its snapshot). */
    private volatile long started;
    /** The ticket of the last commit that is written and synced. Guarded by commitLock. */
    private long completed;

    DurableH2Backend(MVStore store) {
        super(store);
        this.store = store;
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            if (isWrite(command, query) && !isStep(query)) {
                makeDurable(started + 1);
            }
        }
    }

    /**
     * A write sent with {@code j: false} is a step of an operation whose last write is sent without it: it is
     * neither committed nor synced here, and the commit that makes that last write durable includes it (a
     * commit covers every change made before it started). Nothing is acknowledged to a client on the strength
     * of a step alone.
     */
    private static boolean isStep(Document query) {
        return query.get("writeConcern") instanceof Document wc && Boolean.FALSE.equals(wc.get("j"));
    }

    private static boolean isWrite(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("aggregate")) {
            return query.get("pipeline") instanceof List<?> stages
                    && stages.stream().anyMatch(s -> s instanceof Document d && (d.containsKey("$out") || d.containsKey("$merge")));
        }
        return !READS.contains(name);
    }

    /** Returns once a commit with a ticket of at least {@code needed} is synced, running one if need be. */
    private void makeDurable(long needed) {
        synchronized (commitLock) {
            if (completed >= needed) {
                return;
            }
            long ticket = ++started;
            store.commit();
            store.sync();
            completed = ticket;
        }
    }
}
