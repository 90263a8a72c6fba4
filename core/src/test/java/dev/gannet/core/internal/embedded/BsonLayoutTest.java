package dev.gannet.core.internal.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The embedded store's BSON layout of its maps: every value type survives a restart, unique indexes
 * keep answering and rejecting duplicates, and a data file written with H2's default layout still opens
 * and stays readable after new collections are added beside it.
 */
class BsonLayoutTest {

    @TempDir
    Path dir;

    @Test
    void everyValueTypeSurvivesARestartAndIndexesStillWork() {
        ObjectId oid = new ObjectId();
        Date when = Date.from(Instant.parse("2026-11-22T10:15:30.123Z"));
        Document doc = new Document("_id", "box:1").append("mailbox", "box").append("uid", 1L).append("small", 7)
                .append("ratio", 0.25).append("yes", true).append("nothing", null).append("when", when)
                .append("oid", oid).append("bytes", new Binary(new byte[] {0, 1, 2, (byte) 255}))
                .append("text", "h\u00e9llo \uD83D\uDC26").append("list", List.of("a", 2L, new Document("n", 3)))
                .append("nested", new Document("deep", new Document("deeper", List.of(List.of(1, 2)))));

        try (EmbeddedStore store = EmbeddedStore.openH2(dir, 16, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("t").getCollection("messages");
            Mono.from(c.createIndex(new Document("mailbox", 1).append("uid", 1), new IndexOptions().unique(true))).block();
            Mono.from(c.insertOne(doc)).block();
            Mono.from(c.insertOne(new Document("_id", "box:2").append("mailbox", "box").append("uid", 2L))).block();
            Mono.from(c.insertOne(new Document("_id", oid).append("mailbox", "other").append("uid", 1L))).block();
            assertThatThrownBy(() -> Mono.from(c.insertOne(new Document("_id", "box:3").append("mailbox", "box")
                    .append("uid", 2L))).block()).isInstanceOf(MongoWriteException.class).hasMessageContaining("E11000");
        }

        try (EmbeddedStore store = EmbeddedStore.openH2(dir, 16, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("t").getCollection("messages");
            Document back = Mono.from(c.find(new Document("_id", "box:1")).first()).block();
            assertThat(back).isEqualTo(doc);
            assertThat(Mono.from(c.find(new Document("mailbox", "box").append("uid", 2L)).first()).block())
                    .containsEntry("_id", "box:2");
            assertThat(Mono.from(c.find(new Document("_id", oid)).first()).block()).containsEntry("mailbox", "other");
            assertThat(Flux.from(c.find(new Document("_id", new Document("$in", List.of("box:2", "box:1", "box:9")))))
                    .map(d -> d.get("_id")).collectList().block()).containsExactlyInAnyOrder("box:1", "box:2");
            assertThat(Flux.from(c.find(new Document("mailbox", "box")).sort(Sorts.descending("uid")))
                    .map(d -> d.get("uid")).collectList().block()).containsExactly(2L, 1L);
            assertThatThrownBy(() -> Mono.from(c.insertOne(new Document("_id", "box:4").append("mailbox", "box")
                    .append("uid", 1L))).block()).isInstanceOf(MongoWriteException.class).hasMessageContaining("E11000");
            Mono.from(c.deleteOne(new Document("_id", "box:2"))).block();
            Mono.from(c.insertOne(new Document("_id", "box:2b").append("mailbox", "box").append("uid", 2L))).block();
        }

        MVStore raw = new MVStore.Builder().fileName(dir.resolve(EmbeddedStore.FILE_NAME).toString()).readOnly().open();
        try {
            Map<String, String> formats = raw.openMap(DurableH2Backend.FORMATS);
            assertThat(formats).containsKey("databases.t.messages").containsKey("t.messages._index_mailbox_1_uid_1");
        } finally {
            raw.close();
        }
    }

    @Test
    void aFileWrittenWithTheDefaultLayoutStillOpens() {
        MVStore legacy = new MVStore.Builder().fileName(dir.resolve(EmbeddedStore.FILE_NAME).toString()).open();
        MongoServer old = new MongoServer(new H2Backend(legacy));
        try (MongoClient client = MongoClients.create("mongodb://" + old.bind().getHostString() + ":" + old.getLocalAddress().getPort())) {
            MongoCollection<Document> c = client.getDatabase("t").getCollection("users");
            Mono.from(c.createIndex(new Document("name", 1), new IndexOptions().unique(true))).block();
            Mono.from(c.insertOne(new Document("_id", "u1").append("name", "ann"))).block();
        } finally {
            old.shutdownNow();
        }

        for (int round = 0; round < 2; round++) {
            try (EmbeddedStore store = EmbeddedStore.openH2(dir, 16, "127.0.0.1", 0);
                    MongoClient client = MongoClients.create(store.connectionString())) {
                MongoCollection<Document> users = client.getDatabase("t").getCollection("users");
                assertThat(Mono.from(users.find(new Document("name", "ann")).first()).block()).containsEntry("_id", "u1");
                assertThatThrownBy(() -> Mono.from(users.insertOne(new Document("_id", "u2").append("name", "ann"))).block())
                        .isInstanceOf(MongoWriteException.class);
                MongoCollection<Document> fresh = client.getDatabase("t").getCollection("fresh");
                if (round == 0) {
                    Mono.from(fresh.insertOne(new Document("_id", "f1").append("v", 1))).block();
                } else {
                    assertThat(Mono.from(fresh.find(new Document("_id", "f1")).first()).block()).containsEntry("v", 1);
                }
            }
        }
    }
}
