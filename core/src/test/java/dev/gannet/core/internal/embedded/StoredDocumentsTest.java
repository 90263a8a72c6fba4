package dev.gannet.core.internal.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The durable H2 store keeps documents as objects in its pages and writes them out at every commit, which may run
 * on another connection's thread at any moment; the stock update path changes the document it matched in place.
 * Updates through the stock path (findOneAndUpdate with {@code $inc}, {@code $unset}, {@code $push}) racing
 * durable writes to another collection must never fail a commit: once one fails, the store refuses every write
 * after it (a mixed IMAP load of 50 clients met exactly this: {@code ConcurrentModificationException} in the
 * commit, then every command answered UNAVAILABLE).
 */
class StoredDocumentsTest {

    @TempDir
    Path dir;

    @Test
    void stockPathUpdatesRacingCommitsNeverBreakTheStore() {
        try (EmbeddedStore store = EmbeddedStore.openH2(dir, 16, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> counters = client.getDatabase("t").getCollection("counters");
            MongoCollection<Document> log = client.getDatabase("t").getCollection("log");
            Flux.range(0, 20).concatMap(i -> Mono.from(counters.insertOne(new Document("_id", "c" + i).append("n", 0L)
                    .append("tags", List.of("a", "b")).append("pad", "x".repeat(200))))).blockLast(Duration.ofSeconds(30));
            int writers = 8;
            int perWriter = 600;
            Flux.range(0, writers)
                    .flatMap(w -> Flux.range(0, perWriter).concatMap(i -> {
                        String id = "c" + ((w * 7 + i) % 20);
                        Document update = switch (i % 3) {
                            case 0 -> new Document("$inc", new Document("n", 1L)).append("$push", new Document("tags", "t" + i));
                            case 1 -> new Document("$inc", new Document("n", 1L)).append("$unset", new Document("gone", ""));
                            default -> new Document("$inc", new Document("n", 1L)).append("$set", new Document("gone", i));
                        };
                        Mono<?> write = Mono.from(counters.findOneAndUpdate(new Document("_id", id), update,
                                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)));
                        // every insert is durable: it commits (and writes out the counters' changed pages) at once
                        Mono<?> durable = Mono.from(log.insertOne(new Document("w", w).append("i", i)));
                        return write.then(durable);
                    }).subscribeOn(Schedulers.boundedElastic()), writers)
                    .blockLast(Duration.ofMinutes(3));
            long total = Flux.from(counters.find()).map(d -> ((Number) d.get("n")).longValue()).reduce(0L, Long::sum)
                    .block(Duration.ofSeconds(30));
            assertThat(total).isEqualTo((long) writers * perWriter);
            assertThat(Mono.from(log.countDocuments()).block(Duration.ofSeconds(30))).isEqualTo((long) writers * perWriter);
        }
    }
}
