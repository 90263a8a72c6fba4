package dev.gannet.core.internal.embedded;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Filters anchored on {@code _id} answered from the {@code _id} index, whatever other top-level predicates sit
 * beside it. mongo-java-server uses a unique index only when a filter's top-level keys are exactly the index's
 * keys (EMBEDDED-STORE.md §2), so {@code {_id: "m:5", x: {$exists: false}}} scanned the whole collection, and
 * that is the shape of every conditional write the store makes (a removal that only one caller may win, a flag
 * change that says which messages it changed). Both embedded collections ({@link StoreCollection},
 * {@link MemoryStore}) look such ids up here and hand the documents found, in the order the stock scan would
 * have met them, to the stock matcher, sort, skip, limit and projection: the scan's answer without the scan.
 *
 * <p>An {@code _id} counts as anchored when it is a plain value (string, ObjectId, int, long, double) or
 * {@code {$in: [plain values]}}. Anything else about {@code _id} (a range, {@code $nin}, a regex, a document,
 * null) and a filter without a top-level {@code _id} keep the stock path.
 */
final class IdLookup {

    /** The leading {@code $match} of the aggregate command this thread is running: the driver's countDocuments. */
    private static final ThreadLocal<Pending> AGGREGATE = new ThreadLocal<>();

    private record Pending(String namespace, Document ids) {
    }

    private IdLookup() {
    }

    /** The {@code {_id: ...}} part of a filter anchored on {@code _id}, or null. */
    static Document idCondition(Document filter) {
        if (filter == null || !filter.containsKey("_id")) {
            return null;
        }
        Object value = filter.get("_id");
        if (isPlain(value) || value instanceof Document d && d.size() == 1 && d.get("$in") instanceof List<?> in
                && in.stream().allMatch(IdLookup::isPlain)) {
            return new Document("_id", value);
        }
        return null;
    }

    private static boolean isPlain(Object v) {
        return v instanceof String || v instanceof ObjectId || v instanceof Integer || v instanceof Long
                || v instanceof Double d && !d.isNaN();
    }

    /**
     * The documents a query with predicates beside an anchored {@code _id} can match, in scan order; null for
     * a query the stock path answers as well (no anchor, or {@code _id} alone, which its index already takes).
     */
    static <P> List<Document> candidates(List<Index<P>> indexes, Document query, Function<P, Document> load,
            Comparator<P> scanOrder) {
        Document ids = query == null || query.size() < 2 ? null : idCondition(query);
        return ids == null ? null : lookup(indexes, ids, load, scanOrder);
    }

    /** The documents with the ids of {@code ids}, in scan order; null if the collection has no {@code _id} index. */
    static <P> List<Document> lookup(List<Index<P>> indexes, Document ids, Function<P, Document> load,
            Comparator<P> scanOrder) {
        Index<P> index = idIndex(indexes);
        if (index == null) {
            return null;
        }
        List<P> positions = new ArrayList<>();
        index.getPositions(ids).forEach(positions::add);
        positions.sort(scanOrder);
        List<Document> documents = new ArrayList<>(positions.size());
        for (P position : positions) {
            // null when a reader outside the collection's lock (the count command) meets a removal
            Document document = load.apply(position);
            if (document != null) {
                documents.add(document);
            }
        }
        return documents;
    }

    private static <P> Index<P> idIndex(List<Index<P>> indexes) {
        for (Index<P> index : indexes) {
            List<IndexKey> keys = index.getKeys();
            if (index.isUnique() && keys.size() == 1 && keys.get(0).getKey().equals("_id")) {
                return index;
            }
        }
        return null;
    }

    /**
     * Runs a database command; an aggregate whose first stage is a {@code $match} anchored on {@code _id} reads
     * only those documents. The stock aggregation reads its input through the collection's queryAllAsStream
     * (a whole scan) before any stage runs; the collection takes the ids from here on that first read
     * ({@link #aggregateInput}), and the {@code $match} stage still judges every document it gets.
     */
    static Document command(String database, String command, Document query, Supplier<Document> stock) {
        Pending pending = null;
        if ("aggregate".equalsIgnoreCase(command) && query.get("aggregate") instanceof String collection
                && query.get("pipeline") instanceof List<?> stages && !stages.isEmpty()
                && stages.get(0) instanceof Document first && first.size() == 1
                && first.get("$match") instanceof Document match && idCondition(match) != null) {
            pending = new Pending(database + "." + collection, idCondition(match));
        }
        if (pending == null) {
            return stock.get();
        }
        AGGREGATE.set(pending);
        try {
            return stock.get();
        } finally {
            AGGREGATE.remove();
        }
    }

    /**
     * The input of an aggregation over {@code namespace}: the documents with the ids of the aggregate's leading
     * {@code $match} (in scan order) where {@link #command} found it anchored, else the stock read. Only the first
     * read of the collection by that aggregate is narrowed: a later one (a {@code $lookup} into the same
     * collection) reads it all again.
     */
    static <P> Stream<Document> aggregateInput(String namespace, List<Index<P>> indexes, Function<P, Document> load,
            Comparator<P> scanOrder, Supplier<Stream<Document>> stock) {
        Pending pending = AGGREGATE.get();
        if (pending == null || !pending.namespace().equals(namespace)) {
            return stock.get();
        }
        AGGREGATE.remove();
        List<Document> found = lookup(indexes, pending.ids(), load, scanOrder);
        return found == null ? stock.get() : found.stream();
    }
}
