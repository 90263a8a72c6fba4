package dev.gannet.core.internal.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
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
 *
 * <p>Maps created by this class hold BSON ({@link BsonDataTypes}); a map that an older Gannet created
 * keeps H2's default Java serialisation, told apart by the {@value #FORMATS} map, so an existing data
 * file still opens.
 */
final class DurableH2Backend extends H2Backend {

    /** Commands that never change data; everything else is treated as a write. */
    private static final Set<String> READS = Set.of("find", "getmore", "count", "distinct", "listcollections",
            "listindexes", "listdatabases", "ismaster", "hello", "ping", "buildinfo", "serverstatus", "killcursors",
            "endsessions", "getlasterror", "whatsmyuri", "getparameter", "getlog", "hostinfo", "dbstats",
            "collstats", "connectionstatus", "getcmdlineopts", "getfreemonitoringstatus");

    /** Map name to layout, for every map laid out as BSON. */
    static final String FORMATS = "gannet.formats";
    private static final String BSON = "bson1";

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
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new BsonDatabase(databaseName);
    }

    /**
     * Opens the maps of a collection or index with BSON types before H2Database does: MVStore hands out a
     * map that is already open as it is, whatever types the second opener asks for. H2Backend's constructor
     * already opens the existing databases, before this class's fields are set, hence {@code getMvStore()}.
     */
    private final class BsonDatabase extends H2Database {

        BsonDatabase(String name) {
            super(name, getMvStore(), getCursorRegistry());
        }

        /** Gannet's collection class ({@link StoreCollection}) over maps laid out as BSON where they are new. */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String full = getFullCollectionNamespace(collectionName);
            String name = "databases." + full;
            MVMap<Object, Document> data = usesBson(name)
                    ? getMvStore().openMap(name, new MVMap.Builder<Object, Document>()
                            .keyType(BsonDataTypes.ValueType.INSTANCE).valueType(BsonDataTypes.DocumentType.INSTANCE))
                    : getMvStore().openMap(name);
            return new StoreCollection(this, collectionName, options, data, getMvStore().openMap("meta." + full),
                    getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            String name = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
            if (usesBson(name)) {
                getMvStore().openMap(name, new MVMap.Builder<KeyValue, Object>()
                        .keyType(BsonDataTypes.KeyValueType.INSTANCE).valueType(BsonDataTypes.ValueType.INSTANCE));
            }
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }

        /** An aggregate whose leading {@code $match} is anchored on {@code _id} reads only those ids. */
        @Override
        public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver,
                Oplog oplog) {
            return IdLookup.command(getDatabaseName(), command, query,
                    () -> super.handleCommand(channel, command, query, resolver, oplog));
        }

        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
            String from = collection.getFullName();
            String to = getFullCollectionNamespace(newCollectionName);
            MVMap<String, String> formats = formats();
            getMvStore().getMapNames().stream()
                    .filter(n -> n.equals("databases." + from) || n.startsWith(from + "._index_"))
                    .filter(n -> BSON.equals(formats.get(n)))
                    .forEach(n -> formats.put(n.replace(from, to), BSON));
            super.moveCollection(oldDatabase, collection, newCollectionName);
        }
    }

    /** True for a map that is new or was created as BSON; false for one an older Gannet created. */
    private boolean usesBson(String mapName) {
        MVMap<String, String> formats = formats();
        if (BSON.equals(formats.get(mapName))) {
            return true;
        }
        if (getMvStore().hasMap(mapName)) {
            return false;
        }
        formats.put(mapName, BSON);
        return true;
    }

    private MVMap<String, String> formats() {
        return getMvStore().openMap(FORMATS);
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
