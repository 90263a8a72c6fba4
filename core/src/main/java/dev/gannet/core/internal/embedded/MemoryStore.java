package dev.gannet.core.internal.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * mongo-java-server's memory backend, which almost every test runs on, answering filters anchored on
 * {@code _id} from its {@code _id} index as the H2 collection does ({@link IdLookup}), so that tests see the
 * store's queries behave as they do in production. One more difference: the stock backend answers a query or a
 * findAndModify with the stored documents themselves, which the connection encodes after the collection's lock is
 * released, while another connection's update may be changing them in place (the encoder then fails and the driver
 * clears its pool). Here an answer carries copies taken under the lock; updates still work on the stored documents.
 * And a document is stored with its field names shared with the other documents' (each decoded document brings
 * its own copy of every name, about half of what a message's documents hold on the heap).
 */
final class MemoryStore extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getCursorRegistry());
    }

    private static final class Database extends MemoryDatabase {

        Database(String name, CursorRegistry cursors) {
            super(name, cursors);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new Collection(this, collectionName, options, cursorRegistry);
        }

        @Override
        public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver,
                Oplog oplog) {
            return IdLookup.command(getDatabaseName(), command, query,
                    () -> super.handleCommand(channel, command, query, resolver, oplog));
        }
    }

    private static final class Collection extends MemoryCollection {

        /** Set while this thread answers a query, whose result documents must be copies. */
        private static final ThreadLocal<Boolean> ANSWERING = new ThreadLocal<>();
        /** Set while this thread runs a findAndModify, whose own query must find the stored documents. */
        private static final ThreadLocal<Boolean> MODIFYING = new ThreadLocal<>();
        /** How many field names a collection shares; names past that (header names, say) stay each document's own. */
        private static final int SHARED_NAMES = 4096;

        /** The field names this collection's stored documents share. */
        private final Map<String, String> names = new ConcurrentHashMap<>();

        Collection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        @Override
        protected Integer addDocumentInternal(Document document) {
            return super.addDocumentInternal(withSharedNames(document));
        }

        /** A copy of {@code d} whose field names, at every depth, are the shared ones; values are kept. */
        private Document withSharedNames(Document d) {
            Document out = new Document();
            for (Map.Entry<String, Object> e : d.entrySet()) {
                out.put(sharedName(e.getKey()), withSharedNames(e.getValue()));
            }
            return out;
        }

        private Object withSharedNames(Object value) {
            if (value instanceof Document d) {
                return withSharedNames(d);
            }
            if (value instanceof List<?> list) {
                List<Object> out = new ArrayList<>(list.size());
                for (Object v : list) {
                    out.add(withSharedNames(v));
                }
                return out;
            }
            return value;
        }

        private String sharedName(String name) {
            String shared = names.get(name);
            if (shared != null) {
                return shared;
            }
            if (names.size() >= SHARED_NAMES) {
                return name;
            }
            shared = names.putIfAbsent(name, name);
            return shared == null ? name : shared;
        }

        @Override
        public synchronized QueryResult handleQuery(QueryParameters parameters) {
            if (MODIFYING.get() != null) {
                return super.handleQuery(parameters);
            }
            ANSWERING.set(Boolean.TRUE);
            try {
                return super.handleQuery(parameters);
            } finally {
                ANSWERING.remove();
            }
        }

        @Override
        protected QueryResult createQueryResult(List<Document> documents, int batchSize) {
            if (ANSWERING.get() == null) {
                return super.createQueryResult(documents, batchSize); // an update's own match: the stored documents
            }
            List<Document> copies = new ArrayList<>(documents.size());
            for (Document d : documents) {
                copies.add(d.cloneDeeply());
            }
            return super.createQueryResult(copies, batchSize);
        }

        @Override
        public synchronized Document findAndModify(Document query) {
            MODIFYING.set(Boolean.TRUE);
            try {
                return super.findAndModify(query).cloneDeeply();
            } finally {
                MODIFYING.remove();
            }
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                Document projection) {
            List<Document> found = IdLookup.candidates(getIndexes(), query, this::getDocument, scanOrder(orderBy));
            return found == null ? super.queryDocuments(query, orderBy, skip, limit, batchSize, projection)
                    : matchDocumentsFromStream(found.stream(), query, orderBy, skip, limit, batchSize, projection);
        }

        @Override
        public synchronized Stream<Document> queryAllAsStream() {
                return IdLookup.aggregateInput(getFullName(), getIndexes(), this::getDocument, scanOrder(null),
                    super::queryAllAsStream);
        }

        /** MemoryCollection scans its document list by position, backwards for {@code $natural: -1}. */
        private static Comparator<Integer> scanOrder(Document orderBy) {
            return isNaturalDescending(orderBy) ? Comparator.reverseOrder() : Comparator.naturalOrder();
        }
    }
}
