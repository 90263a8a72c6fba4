package dev.gannet.core.internal.embedded;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The update shapes Gannet sends most, applied to one stored document without mongo-java-server's generic
 * machinery ({@link StoreCollection}): a selector of {@code _id} or {@code _id $in} with string or ObjectId
 * values (other predicates beside it are checked on each document by the stock matcher), and an update of
 * only these operators on plain top-level fields, with MongoDB's meaning:
 *
 * <ul>
 *   <li>{@code $set: {f: v}} with a string, number or boolean, or a list of them;</li>
 *   <li>{@code $max: {f: n}} with a number: sets f if it is missing or a smaller number;</li>
 *   <li>{@code $addToSet: {f: v}} or {@code {f: {$each: [v...]}}} with strings, numbers or booleans;</li>
 *   <li>{@code $pull: {f: v}} or {@code {f: {$in: [v...]}}} with the same kinds of values.</li>
 * </ul>
 *
 * A stored document is never changed in place (the map may still hand it to a reader): a change makes a
 * shallow copy with new lists. {@link #apply} answers null for a document it cannot judge ($max over a
 * value that is not a number, $addToSet or $pull on a field that is not an array), which then takes the
 * stock path and gets MongoDB's answer there.
 */
final class DirectUpdate {

    private static final Set<String> OPERATORS = Set.of("$set", "$max", "$addToSet", "$pull");

    private DirectUpdate() {
    }

    /**
     * The ids a selector anchored on {@code _id} names ({@code {_id: id}} or {@code {_id: {$in: ids}}} with string
     * or ObjectId values, beside any other predicates, which the caller checks on each document), or null.
     */
    static List<Object> ids(Document selector) {
        Document anchor = IdLookup.idCondition(selector);
        if (anchor == null) {
            return null;
        }
        Object value = anchor.get("_id");
        List<?> ids = value instanceof Document in ? (List<?>) in.get("$in") : List.of(value);
        return ids.stream().allMatch(DirectUpdate::isId) ? new ArrayList<>(ids) : null;
    }

    private static boolean isId(Object v) {
        return v instanceof String || v instanceof ObjectId;
    }

    /** True if every operator and operand is one this class applies, each field named once and none indexed. */
    static boolean handles(Document update, Set<String> indexed) {
        if (update.isEmpty()) {
            return false;
        }
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, Object> op : update.entrySet()) {
            if (!OPERATORS.contains(op.getKey()) || !(op.getValue() instanceof Document fields) || fields.isEmpty()) {
                return false;
            }
            for (Map.Entry<String, Object> f : fields.entrySet()) {
                String name = f.getKey();
                if (name.isEmpty() || name.contains(".") || name.startsWith("$") || indexed.contains(name) || !seen.add(name)
                        || !operand(op.getKey(), f.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean operand(String operator, Object v) {
        return switch (operator) {
            case "$set" -> isPlain(v) || v instanceof List<?> list && list.stream().allMatch(DirectUpdate::isPlain);
            case "$max" -> v instanceof Number;
            case "$addToSet" -> listOf(v, "$each") != null;
            default -> listOf(v, "$in") != null;
        };
    }

    /** The values of {@code {key: [...]}} or the one plain value, if every one is a string, number or boolean. */
    private static List<?> listOf(Object v, String key) {
        List<?> values;
        if (v instanceof Document d) {
            if (d.size() != 1 || !(d.get(key) instanceof List<?> list)) {
                return null;
            }
            values = list;
        } else {
            values = List.of(v);
        }
        return values.stream().allMatch(DirectUpdate::isPlain) ? values : null;
    }

    private static boolean isPlain(Object v) {
        return v instanceof String || v instanceof Number || v instanceof Boolean;
    }

    /**
     * The document after {@code update} (which {@link #handles} accepted): {@code stored} itself if nothing
     * changes, a new document if something does, null if the stored values are not of a kind judged here.
     */
    static Document apply(Document stored, Document update) {
        Document next = null;
        for (Map.Entry<String, Object> op : update.entrySet()) {
            for (Map.Entry<String, Object> f : ((Document) op.getValue()).entrySet()) {
                String field = f.getKey();
                Object current = stored.get(field);
                boolean present = stored.containsKey(field);
                Object value;
                switch (op.getKey()) {
                    case "$set" -> value = f.getValue();
                    case "$max" -> {
                        if (present && !(current instanceof Number)) {
                            return null;
                        }
                        value = !present || compare(f.getValue(), current) > 0 ? f.getValue() : current;
                    }
                    case "$addToSet" -> {
                        if (present && !(current instanceof List)) {
                            return null;
                        }
                        value = added(present ? (List<?>) current : List.of(), listOf(f.getValue(), "$each"), !present);
                    }
                    default -> {
                        if (!present) {
                            continue;
                        }
                        if (!(current instanceof List)) {
                            return null;
                        }
                        value = pulled((List<?>) current, listOf(f.getValue(), "$in"));
                    }
                }
                if (!present || !same(current, value)) {
                    if (next == null) {
                        next = new Document(stored);
                    }
                    next.put(field, value);
                }
            }
        }
        return next == null ? stored : next;
    }

    /** {@code list} with each value it lacks appended; the same list if it lacks none (and is not new). */
    private static Object added(List<?> list, List<?> values, boolean fresh) {
        List<Object> out = null;
        for (Object v : values) {
            if (!contains(out == null ? list : out, v)) {
                if (out == null) {
                    out = new ArrayList<>(list);
                }
                out.add(v);
            }
        }
        if (out != null) {
            return out;
        }
        return fresh ? new ArrayList<>() : list;
    }

    /** {@code list} without any element equal to one of {@code values}; the same list if none is. */
    private static Object pulled(List<?> list, List<?> values) {
        List<Object> out = new ArrayList<>(list.size());
        for (Object e : list) {
            if (!contains(values, e)) {
                out.add(e);
            }
        }
        return out.size() == list.size() ? list : out;
    }

    /** MongoDB's equality for plain values: numbers by value whatever their type, never across kinds. */
    private static boolean contains(List<?> list, Object v) {
        for (Object e : list) {
            if (isPlain(e) && isPlain(v) && compare(e, v) == 0) {
                return true;
            }
        }
        return false;
    }

    private static int compare(Object a, Object b) {
        return ValueComparator.ascWithoutListHandling().compare(a, b);
    }

    /**
     * Equal as mongo-java-server counts a document modified: numbers by value whatever their type, lists
     * element by element, documents field by field.
     */
    static boolean equalValues(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return compare(a, b) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equalValues(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!equalValues(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return same(a, b);
    }

    /** The same value as far as the stored document goes: the same object, or equal. */
    private static boolean same(Object a, Object b) {
        return a == b || a != null && a.equals(b);
    }
}
