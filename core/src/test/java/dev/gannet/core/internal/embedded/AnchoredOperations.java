package dev.gannet.core.internal.embedded;

import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.FindOneAndDeleteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import com.mongodb.reactivestreams.client.FindPublisher;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.ObjectId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The random operations of {@link IdAnchoredQueryTest}: filters anchored on {@code _id} in every form the store
 * sends (and some the stock path keeps), with the predicates the store's conditional writes put beside them,
 * run as find, count, delete, update, findAndModify, distinct and aggregate with projections, sorts and limits.
 */
final class AnchoredOperations {

    /** One operation on the database {@code t} (its collection {@code c}) and what a reader of its result sees. */
    record Operation(String what, Function<MongoDatabase, Object> run) {
    }

    private AnchoredOperations() {
    }

    private static Operation on(String what, Function<MongoCollection<Document>, Object> run) {
        return new Operation(what, db -> run.apply(db.getCollection("c")));
    }

    private static final List<ObjectId> OIDS = List.of(new ObjectId("65a000000000000000000001"),
            new ObjectId("65a000000000000000000002"), new ObjectId("65a000000000000000000003"));

    /** Every id a document has, in MongoDB's order: numbers, strings, ObjectIds. */
    static List<Object> ids() {
        List<Object> ids = new ArrayList<>(List.of(1, 2L, 3.5));
        for (int i = 0; i < 40; i++) {
            ids.add(String.format("m:%02d", i));
        }
        ids.addAll(OIDS);
        return ids;
    }

    static List<Document> documents() {
        List<Document> docs = new ArrayList<>();
        List<Object> ids = ids();
        for (int i = 0; i < ids.size(); i++) {
            docs.add(document(ids.get(i), i));
        }
        return docs;
    }

    private static Document document(Object id, int i) {
        List<String> flags = new ArrayList<>();
        if (i % 2 == 0) {
            flags.add("SEEN");
        }
        if (i % 3 == 0) {
            flags.add("DELETED");
        }
        Document d = new Document("_id", id).append("subject", "s" + i % 5).append("modseq", (long) (i * 7 % 23))
                .append("flags", flags).append("refs", i % 3).append("deleting", i % 4 == 0);
        if (i % 5 == 1) {
            d.append("x", "token");
        } else if (i % 5 == 2) {
            d.append("x", "other");
        }
        return d;
    }

    /** An id to ask for: stored ones (numbers in other types too) and absent ones. */
    private static Object someId(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> List.<Object>of(1.0, 2, 3.5, 1L).get(random.nextInt(4));
            case 1 -> List.<Object>of("m:99", 7, new ObjectId("65a0000000000000000000ff")).get(random.nextInt(3));
            case 2 -> OIDS.get(random.nextInt(OIDS.size()));
            default -> String.format("m:%02d", random.nextInt(40));
        };
    }

    static Document filter(Random random, boolean regex) {
        Document filter = new Document();
        int anchor = random.nextInt(12);
        if (anchor < 4) {
            filter.put("_id", someId(random));
        } else if (anchor < 8) {
            List<Object> in = new ArrayList<>();
            for (int i = random.nextInt(8); i >= 0; i--) {
                in.add(someId(random));
            }
            filter.put("_id", new Document("$in", in));
        } else if (anchor == 8) {
            filter.put("_id", new Document("$gt", someId(random)));
        } else if (anchor == 9) {
            filter.put("_id", new Document("$nin", List.of(someId(random), someId(random))));
        } else if (anchor == 10 && regex) {
            filter.put("_id", Pattern.compile("^m:1"));
        }
        for (int i = random.nextInt(anchor < 8 ? 4 : 2); i > 0; i--) {
            predicate(random, filter);
        }
        return filter;
    }

    private static void predicate(Random random, Document filter) {
        switch (random.nextInt(12)) {
            case 0 -> filter.put("x", new Document("$exists", random.nextBoolean()));
            case 1 -> filter.put("x", "token");
            case 2 -> filter.put("flags", random.nextBoolean() ? "SEEN" : "DELETED");
            case 3 -> filter.put("flags", new Document("$ne", random.nextBoolean() ? "SEEN" : "DELETED"));
            case 4 -> filter.put("subject", new Document("$in", List.of("s" + random.nextInt(5), "s" + random.nextInt(5))));
            case 5 -> filter.put("modseq", new Document("$lte", random.nextInt(25)));
            case 6 -> filter.put("refs", random.nextInt(3));
            case 7 -> filter.put("deleting", random.nextBoolean());
            case 8 -> filter.put("missing", null);
            case 9 -> filter.put("nowhere", new Document("$exists", random.nextBoolean()));
            case 10 -> filter.put("$or", List.of(new Document("refs", 0), new Document("deleting", true)));
            default -> filter.put("refs", new Document("$in", List.of(0, 2L)));
        }
    }

    private static Document update(Random random) {
        int n = random.nextInt(25);
        return switch (random.nextInt(7)) {
            case 0 -> new Document("$set", new Document("x", "token"));
            case 1 -> new Document("$addToSet", new Document("flags", "SEEN")).append("$max", new Document("modseq", (long) n));
            case 2 -> new Document("$inc", new Document("refs", random.nextBoolean() ? 1 : -1));
            case 3 -> new Document("$set", new Document("deleting", true));
            case 4 -> new Document("$unset", new Document("x", ""));
            case 5 -> new Document("$pull", new Document("flags", "DELETED"));
            default -> new Document("$set", new Document("subject", "s" + n % 5)).append("$max", new Document("modseq", n));
        };
    }

    private static Document projection(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> new Document("flags", 1);
            case 1 -> new Document("subject", 0).append("flags", 0);
            case 2 -> new Document("_id", 0).append("x", 1).append("modseq", 1);
            default -> null;
        };
    }

    private static Document sort(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> new Document("modseq", -1);
            case 1 -> new Document("subject", 1).append("_id", -1);
            case 2 -> new Document("$natural", -1);
            case 3 -> new Document("refs", 1);
            default -> null;
        };
    }

    /**
     * With {@code memoryOrder} false the operation's unsorted results come in {@code _id} order on every backend
     * (as long as the documents were inserted in that order): it inserts nothing, and leaves out the one stock
     * path that reads in the memory index's hash order ({@code _id} alone as a regex).
     */
    static Operation random(Random random, boolean memoryOrder) {
        Document filter = filter(random, memoryOrder);
        String f = filter.toJson();
        // an upsert's new document takes its _id from the filter, or a fresh ObjectId that the backends cannot share
        boolean inserts = memoryOrder && filter.get("_id") != null && !(filter.get("_id") instanceof Document)
                && !(filter.get("_id") instanceof Pattern);
        switch (random.nextInt(memoryOrder ? 14 : 13)) {
            case 0, 1 -> {
                Document projection = projection(random);
                Document sort = sort(random);
                int skip = random.nextInt(4) == 0 ? random.nextInt(3) : 0;
                int limit = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 0;
                return on("find " + f + " projection " + projection + " sort " + sort + " skip " + skip
                        + " limit " + limit, c -> {
                            FindPublisher<Document> find = c.find(filter).projection(projection).sort(sort).skip(skip);
                            return Flux.from(limit > 0 ? find.limit(limit) : find).map(Document::toJson).collectList().block();
                        });
            }
            case 2 -> {
                CountOptions options = random.nextBoolean() ? new CountOptions()
                        : new CountOptions().skip(random.nextInt(2)).limit(1 + random.nextInt(3));
                return on("countDocuments " + f + " " + options, c -> Mono.from(c.countDocuments(filter, options)).block());
            }
            case 3 -> {
                return on("deleteOne " + f, c -> Mono.from(c.deleteOne(filter)).block().getDeletedCount());
            }
            case 4 -> {
                return on("deleteMany " + f, c -> Mono.from(c.deleteMany(filter)).block().getDeletedCount());
            }
            case 5, 6 -> {
                Document update = update(random);
                FindOneAndUpdateOptions options = new FindOneAndUpdateOptions().projection(projection(random))
                        .sort(sort(random)).returnDocument(random.nextBoolean() ? ReturnDocument.BEFORE : ReturnDocument.AFTER)
                        .upsert(inserts && random.nextInt(4) == 0);
                return on("findOneAndUpdate " + f + " " + update.toJson() + " " + options,
                        c -> json(Mono.from(c.findOneAndUpdate(filter, update, options)).block()));
            }
            case 7 -> {
                FindOneAndDeleteOptions options = new FindOneAndDeleteOptions().projection(projection(random)).sort(sort(random));
                return on("findOneAndDelete " + f + " " + options,
                        c -> json(Mono.from(c.findOneAndDelete(filter, options)).block()));
            }
            case 8, 9 -> {
                Document update = update(random);
                boolean many = random.nextBoolean();
                UpdateOptions options = new UpdateOptions().upsert(inserts && random.nextInt(4) == 0);
                return on((many ? "updateMany " : "updateOne ") + f + " " + update.toJson() + " " + options, c -> {
                    UpdateResult result = Mono.from(many ? c.updateMany(filter, update, options) : c.updateOne(filter, update, options)).block();
                    return List.of(result.getMatchedCount(), result.getModifiedCount(), String.valueOf(result.getUpsertedId()));
                });
            }
            case 10 -> {
                return on("distinct subject " + f,
                        c -> Flux.from(c.distinct("subject", filter, String.class)).collectList().block());
            }
            case 11 -> {
                // the $lookup reads the same collection again, in full: the ids of the $match are for its input only
                List<Document> pipeline = new ArrayList<>(List.of(new Document("$match", filter),
                        new Document("$project", new Document("subject", 1).append("refs", 1))));
                if (random.nextBoolean()) {
                    pipeline.add(new Document("$lookup", new Document("from", "c").append("as", "same")
                            .append("pipeline", List.of(new Document("$match", new Document("subject", "s1")),
                                    new Document("$project", new Document("_id", 1))))));
                }
                return on("aggregate " + pipeline,
                        c -> Flux.from(c.aggregate(pipeline)).map(Document::toJson).collectList().block());
            }
            case 12 -> {
                // the count command (countDocuments is an aggregate)
                Document command = new Document("count", "c").append("query", filter);
                return new Operation("count " + f, db -> Mono.from(db.runCommand(command)).block().get("n"));
            }
            default -> {
                Document fresh = document(someId(random), random.nextInt(40));
                return on("insertOne " + fresh.toJson(), c -> Mono.from(c.insertOne(fresh)).block().wasAcknowledged());
            }
        }
    }

    private static String json(Document d) {
        return d == null ? null : d.toJson();
    }
}
