package dev.gannet.core.internal.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoException;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Both embedded backends answer filters anchored on {@code _id} (with other predicates beside it) from the
 * {@code _id} index instead of scanning (IdLookup); whatever the filter, every query, count, delete, update and
 * findAndModify must give what a stock mongo-java-server MemoryBackend gives for the same operations, down to
 * the order of unsorted results and the documents left stored.
 */
class IdAnchoredQueryTest {

    enum Backend { MEMORY, H2 }

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anchoredOperationsGiveWhatTheStockServerGives(Backend backend) {
        MongoServer stock = new MongoServer(new MemoryBackend());
        InetSocketAddress address = stock.bind();
        try (EmbeddedStore store = backend == Backend.MEMORY ? EmbeddedStore.inMemory()
                        : EmbeddedStore.openH2(dir, 16, "127.0.0.1", 0);
                MongoClient gannet = MongoClients.create(store.connectionString());
                MongoClient reference = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoDatabase gdb = gannet.getDatabase("t");
            MongoDatabase rdb = reference.getDatabase("t");
            MongoCollection<Document> g = gdb.getCollection("c");
            MongoCollection<Document> r = rdb.getCollection("c");
            // H2 scans in _id order and the stock memory backend in insertion order: the documents are loaded in
            // _id order and only the memory run inserts later, so that unsorted results agree in both runs
            boolean memoryOrder = backend == Backend.MEMORY;
            Random random = new Random(20261123L + backend.ordinal());
            for (int step = 0; step < 600; step++) {
                if (step % 150 == 0 || Mono.from(r.estimatedDocumentCount()).block() < 20) {
                    reload(g);
                    reload(r);
                }
                AnchoredOperations.Operation op = AnchoredOperations.random(random, memoryOrder);
                String what = backend + " " + step + ": " + op.what();
                Object expected = outcome(op.run(), rdb);
                assertThat(outcome(op.run(), gdb)).as(what).isEqualTo(expected);
                assertThat(all(g)).as(what).isEqualTo(all(r));
            }
        } finally {
            stock.shutdownNow();
        }
    }

    @Test
    void onlyPlainIdsAndTheirInListsAnchorAFilter() {
        de.bwaldvogel.mongo.bson.ObjectId oid = new de.bwaldvogel.mongo.bson.ObjectId();
        assertThat(IdLookup.idCondition(doc("_id", "m:1", "x", doc("$exists", false))))
                .isEqualTo(doc("_id", "m:1"));
        assertThat(IdLookup.idCondition(doc("_id", doc("$in", List.of("a", 2, 3L, 4.5, oid)), "refs", 0)))
                .isEqualTo(doc("_id", doc("$in", List.of("a", 2, 3L, 4.5, oid))));
        for (Object notAnchored : List.<Object>of(doc("$gt", "a"), doc("$nin", List.of("a")), doc("$eq", "a"),
                doc("$in", List.of("a", Pattern.compile("b"))), doc("$in", List.of("a", doc("k", 1))),
                doc("$in", List.of("a"), "$ne", "b"), doc("k", "v"), Pattern.compile("a"), Double.NaN, true,
                List.of("a"))) {
            assertThat(IdLookup.idCondition(doc("_id", notAnchored, "x", 1))).as(String.valueOf(notAnchored)).isNull();
        }
        assertThat(IdLookup.idCondition(doc("x", 1, "$or", List.of(doc("_id", "a"))))).isNull();
        // _id alone is already the stock path's index lookup, in the index's order
        assertThat(IdLookup.candidates(List.of(), doc("_id", "a"), p -> null, (a, b) -> 0)).isNull();
    }

    private static de.bwaldvogel.mongo.bson.Document doc(Object... pairs) {
        de.bwaldvogel.mongo.bson.Document d = new de.bwaldvogel.mongo.bson.Document();
        for (int i = 0; i < pairs.length; i += 2) {
            d.put((String) pairs[i], pairs[i + 1]);
        }
        return d;
    }

    private static void reload(MongoCollection<Document> c) {
        Mono.from(c.drop()).block();
        Mono.from(c.insertMany(AnchoredOperations.documents())).block();
    }

    private static Object outcome(Function<MongoDatabase, Object> run, MongoDatabase db) {
        try {
            return run.apply(db);
        } catch (MongoException e) {
            return "error " + e.getCode();
        }
    }

    private static List<String> all(MongoCollection<Document> c) {
        return Flux.from(c.find().sort(new Document("_id", 1))).map(Document::toJson).collectList().block();
    }
}
