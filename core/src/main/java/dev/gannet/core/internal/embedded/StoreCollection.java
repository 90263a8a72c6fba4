package dev.gannet.core.internal.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.NoopOplog;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * mongo-java-server's H2 collection with two costs taken out of every write, both measured in a profile of
 * {@code STORE 1:* +FLAGS} (the embedded server's update machinery was most of it), and one out of every
 * conditional write:
 *
 * <ul>
 *   <li>no data-size bookkeeping: the stock collection encodes the old and the new document to measure them
 *       and rewrites a size entry on every write, for a figure only {@code collStats} shows;</li>
 *   <li>an update that names documents by {@code _id} (with or without other predicates) and uses only the
 *       operators of {@link DirectUpdate} on fields outside every unique index is applied to each stored
 *       document that matches directly, without the stock path's deep copy, normalised whole-document
 *       comparison, index re-checks and {@code $in} re-matching. Anything else, and any document the direct
 *       path cannot judge, goes the stock way;</li>
 *   <li>a query with predicates beside an {@code _id} reads those ids instead of scanning ({@link IdLookup}).</li>
 * </ul>
 */
final class StoreCollection extends H2Collection {

    private final MVMap<Object, Document> data;

    StoreCollection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
            MVMap<String, Object> meta, CursorRegistry cursors) {
        super(database, name, options, data, meta, cursors);
        this.data = data;
    }

    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    /**
     * Every query hands its documents on from here, and the ones it hands on are copies. The data map holds
     * documents as objects that its next commit writes out (BsonDataTypes), on whichever connection's thread
     * commits; the stock update path changes the document it matched in place, so it must never get the stored
     * one: a commit that met a document being changed failed with a ConcurrentModificationException and left the
     * store refusing every write after it. A copy is shallow (the update replaces top-level values) and made only
     * of documents that match.
     */
    @Override
    protected QueryResult matchDocumentsFromStream(Stream<Document> documents, Document query, Document orderBy,
            int skip, int limit, int batchSize, Document projection) {
        return super.matchDocumentsFromStream(documents.filter(d -> documentMatchesQuery(d, query)).map(Document::clone),
                query, orderBy, skip, limit, batchSize, projection);
    }

    /** Every find, count, distinct, update, delete and findAndModify selects its documents here. */
    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
            Document projection) {
        List<Document> found = IdLookup.candidates(getIndexes(), query, this::getDocument, scanOrder(orderBy));
        return found == null ? super.queryDocuments(query, orderBy, skip, limit, batchSize, projection)
                : matchDocumentsFromStream(found.stream(), query, orderBy, skip, limit, batchSize, projection);
    }

    /** The input of an aggregation: only the ids of its leading {@code $match} where it is anchored on them. */
    @Override
    public synchronized Stream<Document> queryAllAsStream() {
        return IdLookup.aggregateInput(getFullName(), getIndexes(), this::getDocument, scanOrder(null),
                super::queryAllAsStream);
    }

    /** The order H2Collection scans in: the data map's, or by descending {@code _id} for {@code $natural: -1}. */
    private Comparator<Object> scanOrder(Document orderBy) {
        return isNaturalDescending(orderBy) ? ValueComparator.desc() : data.getKeyType()::compare;
    }

    @Override
    public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters,
            boolean isMulti, boolean isUpsert, Oplog oplog) {
        List<Object> ids = isUpsert || !arrayFilters.isEmpty() ? null : DirectUpdate.ids(selector);
        if (ids == null || !isMulti && ids.size() != 1 || !DirectUpdate.handles(update, indexedFields())) {
            return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
        }
        // in the stock path's order (its _id index answers $in in ascending order), so a failure part way
        // leaves the same documents changed; every document is judged before any is changed, as the stock
        // path selects all it updates first
        Set<Object> ordered = new TreeSet<>(ValueComparator.asc());
        ordered.addAll(ids);
        Map<Object, Document> selected = new LinkedHashMap<>();
        for (Object id : ordered) {
            Document stored = data.get(Missing.ofNullable(id));
            if (stored != null && (selector.size() == 1 || documentMatchesQuery(stored, selector))) {
                selected.put(id, stored);
            }
        }
        int matched = 0;
        List<Object> modified = new ArrayList<>();
        for (Map.Entry<Object, Document> entry : selected.entrySet()) {
            Object id = entry.getKey();
            Document stored = entry.getValue();
            Document next = DirectUpdate.apply(stored, update);
            if (next == null) {
                // a shape the direct path does not judge (say $addToSet on a field that is not an array):
                // the stock path applies it, or answers MongoDB's error (its change is logged below, with the rest)
                Document result = super.updateDocuments(new Document("_id", id), update, arrayFilters, false, false,
                        NoopOplog.get());
                matched += ((Number) result.get("n")).intValue();
                if (((Number) result.get("nModified")).intValue() > 0) {
                    modified.add(id);
                }
            } else {
                matched++;
                if (next != stored) {
                    data.put(Missing.ofNullable(id), next);
                    if (!DirectUpdate.equalValues(stored, next)) {
                        modified.add(id);
                    }
                }
            }
        }
        oplog.handleUpdate(getFullName(), selector, update, modified);
        return new Document("n", matched).append("nModified", modified.size());
    }

    /** The top-level fields any unique index reads (an update of one of them needs the index checks). */
    private Set<String> indexedFields() {
        Set<String> fields = new HashSet<>();
        fields.add("_id");
        // a non-unique index is accepted by mongo-java-server but kept empty (EmptyIndex): nothing to maintain
        for (Index<Object> index : getIndexes()) {
            if (!index.isUnique()) {
                continue;
            }
            for (IndexKey key : index.getKeys()) {
                int dot = key.getKey().indexOf('.');
                fields.add(dot < 0 ? key.getKey() : key.getKey().substring(0, dot));
            }
        }
        return fields;
    }
}
