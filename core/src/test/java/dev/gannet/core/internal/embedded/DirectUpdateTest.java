package dev.gannet.core.internal.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.result.UpdateResult;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Gannet's embedded store applies flag-style updates by {@code _id} on its own path (StoreCollection,
 * DirectUpdate), also when other predicates sit beside the ids; whatever the update and the selector, the
 * documents and the matched/modified counts must be the ones the stock mongo-java-server gives, including the
 * shapes the direct path hands back to the stock one.
 */
class DirectUpdateTest {

    @TempDir
    Path dir;

    @Test
    void randomUpdatesLeaveTheSameDocumentsAndCountsAsTheStockServer() {
        MongoServer stock = new MongoServer(new H2Backend(MVStore.open(null)));
        InetSocketAddress address = stock.bind();
        try (EmbeddedStore store = EmbeddedStore.openH2(dir, 16, "127.0.0.1", 0);
                MongoClient gannet = MongoClients.create(store.connectionString());
                MongoClient reference = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoCollection<Document> g = prepare(gannet);
            MongoCollection<Document> r = prepare(reference);
            Random random = new Random(20261122L);
            for (int step = 0; step < 400; step++) {
                Document filter = filter(random);
                Document update = update(random);
                boolean many = random.nextBoolean();
                String what = step + ": " + filter.toJson() + " " + update.toJson() + (many ? " many" : " one");
                Object expected = outcome(r, filter, update, many);
                Object actual = outcome(g, filter, update, many);
                assertThat(actual).as(what).isEqualTo(expected);
                assertThat(all(g)).as(what).isEqualTo(all(r));
            }
        } finally {
            stock.shutdownNow();
        }
    }

    private static MongoCollection<Document> prepare(MongoClient client) {
        MongoCollection<Document> c = client.getDatabase("t").getCollection("messages");
        Mono.from(c.createIndex(new Document("mailbox", 1).append("uid", 1), new IndexOptions().unique(true))).block();
        // accepted and kept empty by the embedded server, as Gannet's own plain indexes are
        Mono.from(c.createIndex(new Document("mailbox", 1).append("modseq", 1))).block();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Document d = new Document("_id", "m:" + i).append("mailbox", "m").append("uid", (long) i)
                    .append("modseq", i % 2 == 0 ? (Object) (long) i : (Object) i).append("flags", new ArrayList<>(List.of("SEEN")))
                    .append("kw", new ArrayList<>(List.of("$Label1"))).append("subject", "s" + i);
            if (i == 3) {
                d.remove("kw");
            }
            if (i == 5) {
                d.put("flags", "not a list");
            }
            docs.add(d);
        }
        Mono.from(c.insertMany(docs)).block();
        return c;
    }

    private static Document filter(Random random) {
        List<String> ids = new ArrayList<>();
        for (int i = random.nextInt(5); i >= 0; i--) {
            ids.add("m:" + random.nextInt(10));
        }
        Document filter = ids.size() == 1 && random.nextBoolean() ? new Document("_id", ids.get(0))
                : new Document("_id", new Document("$in", ids));
        // the predicates a conditional write puts beside the ids; each stored document is judged by them
        for (int i = random.nextBoolean() ? 0 : 1 + random.nextInt(3); i > 0; i--) {
            switch (random.nextInt(8)) {
                case 0 -> filter.put("kw", new Document("$exists", random.nextBoolean()));
                case 1 -> filter.put("flags", VALUES.get(random.nextInt(3)));
                case 2 -> filter.put("flags", new Document("$ne", VALUES.get(random.nextInt(3))));
                case 3 -> filter.put("subject", new Document("$in", List.of("s" + random.nextInt(8), "s" + random.nextInt(8))));
                case 4 -> filter.put("modseq", new Document("$lte", random.nextInt(12)));
                case 5 -> filter.put("fresh", null);
                case 6 -> filter.put("absent", new Document("$exists", random.nextBoolean()));
                default -> filter.put("fresh", new Document("$exists", false));
            }
        }
        return filter;
    }

    /**
     * One numeric type in arrays: the stock server tells 1 from 1L inside an array ($addToSet, $pull), which
     * MongoDB does not, and the direct path follows MongoDB. Numbers of other types meet in $max instead.
     */
    private static final List<Object> VALUES = List.of("SEEN", "FLAGGED", "$Label1", "x", 1L, 7L, true);

    private static Document update(Random random) {
        Document update = new Document();
        List<String> fields = new ArrayList<>(List.of("flags", "kw", "modseq", "subject", "fresh"));
        if (random.nextInt(10) == 0) {
            fields.add("uid");
        }
        java.util.Collections.shuffle(fields, random);
        int n = 1 + random.nextInt(3);
        for (String field : fields.subList(0, n)) {
            Object value = VALUES.get(random.nextInt(VALUES.size()));
            switch (random.nextInt(4)) {
                case 0 -> put(update, "$set", field, random.nextBoolean() ? value : List.of(value));
                case 1 -> put(update, "$max", field, random.nextBoolean() ? (Object) random.nextInt(12)
                        : random.nextBoolean() ? (Object) (long) random.nextInt(12) : value);
                case 2 -> put(update, "$addToSet", field, random.nextBoolean() ? value
                        : new Document("$each", List.of(value, VALUES.get(random.nextInt(VALUES.size())))));
                default -> put(update, "$pull", field, random.nextBoolean() ? value
                        : new Document("$in", List.of(value, VALUES.get(random.nextInt(VALUES.size())))));
            }
        }
        return update;
    }

    private static void put(Document update, String operator, String field, Object operand) {
        ((Document) update.computeIfAbsent(operator, k -> new Document())).put(field, operand);
    }

    /** The matched and modified counts, or the error's code. */
    private static Object outcome(MongoCollection<Document> c, Document filter, Document update, boolean many) {
        try {
            UpdateResult result = Mono.from(many ? c.updateMany(filter, update) : c.updateOne(filter, update)).block();
            return List.of(result.getMatchedCount(), result.getModifiedCount());
        } catch (com.mongodb.MongoWriteException e) {
            return "error " + e.getError().getCode();
        }
    }

    private static List<String> all(MongoCollection<Document> c) {
        return Flux.from(c.find().sort(new Document("_id", 1))).map(Document::toJson).collectList().block();
    }
}
