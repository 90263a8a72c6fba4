package dev.gannet.server;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write the embedded store acknowledged survives {@code kill -9} of its process. The store runs in
 * a child JVM ({@code gannet store}); this test writes through the real driver, kills the child the
 * moment the last acknowledgement arrives (while other writes are still in flight), then reads
 * everything back through a fresh process on the same data directory.
 */
class StoreDurabilityTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void acknowledgedWritesSurviveKillMinus9() throws Exception {
        Path data = dir.resolve("store");
        Map<Integer, Integer> expectedCounters = new HashMap<>();
        Set<Integer> deleted = ConcurrentHashMap.newKeySet();
        Set<Integer> ackedInFlight = ConcurrentHashMap.newKeySet();

        try (GannetProcess store = GannetProcess.start(dir, Map.of(), "store", "--port", "0", "--data-dir", data.toString())) {
            int port = store.awaitListener("store");
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=2000")) {
                MongoCollection<Document> c = client.getDatabase("gannet").getCollection("durability");
                // Sequential inserts, updates and deletes: each acknowledged before the next is sent.
                for (int i = 0; i < 200; i++) {
                    Mono.from(c.insertOne(new Document("_id", i).append("counter", 0).append("body", "x".repeat(i)))).block();
                    expectedCounters.put(i, 0);
                }
                for (int i = 0; i < 200; i += 4) {
                    Mono.from(c.updateOne(Filters.eq("_id", i), Updates.inc("counter", 7))).block();
                    expectedCounters.put(i, 7);
                }
                for (int i = 1; i < 200; i += 10) {
                    Mono.from(c.deleteOne(Filters.eq("_id", i))).block();
                    deleted.add(i);
                    expectedCounters.remove(i);
                }
                // Then concurrent inserts; the store dies right as the 300th is acknowledged.
                AtomicBoolean killed = new AtomicBoolean();
                Flux.range(1000, 2000)
                        .takeWhile(i -> !killed.get())
                        .flatMap(i -> Mono.from(c.insertOne(new Document("_id", i).append("counter", i)))
                                .doOnSuccess(r -> {
                                    if (!killed.get()) {
                                        ackedInFlight.add(i);
                                        if (ackedInFlight.size() >= 300 && killed.compareAndSet(false, true)) {
                                            store.killAsync();
                                        }
                                    }
                                })
                                .onErrorResume(e -> Mono.empty()), 8)
                        .blockLast(WAIT);
                assertThat(killed).as("the store was killed mid-run").isTrue();
            }
            store.kill();
        }
        assertThat(ackedInFlight).hasSizeGreaterThanOrEqualTo(300);

        try (GannetProcess reopened = GannetProcess.start(dir, Map.of(), "store", "--port", "0", "--data-dir", data.toString())) {
            int port = reopened.awaitListener("store");
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
                MongoCollection<Document> c = client.getDatabase("gannet").getCollection("durability");
                Map<Integer, Integer> found = new HashMap<>();
                Flux.from(c.find()).doOnNext(d -> found.put(d.getInteger("_id"), d.getInteger("counter"))).blockLast(WAIT);
                expectedCounters.forEach((id, counter) -> assertThat(found).containsEntry(id, counter));
                deleted.forEach(id -> assertThat(found).doesNotContainKey(id));
                ackedInFlight.forEach(id -> assertThat(found).containsEntry(id, id));
            }
            reopened.terminate();
            assertThat(reopened.waitForExit(WAIT)).isZero();
        }
    }
}
