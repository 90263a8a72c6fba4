package dev.gannet.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import reactor.core.publisher.Flux;

/**
 * The store's invariants, read below the API (docs/store.md "Invariants"): every mailbox's counters equal its
 * live messages, every user's storage equals theirs, every blob's reference count equals the bytes documents that
 * name it and all of its chunks are there, and every listed message has its bytes. Run after concurrent work has
 * settled.
 */
public final class StoreInvariants {

    private final MongoDatabase db;

    public StoreInvariants(MongoDatabase db) {
        this.db = db;
    }

    private List<Document> all(String collection, Document projection) {
        return Flux.from(db.getCollection(collection).find().projection(projection).batchSize(500)).collectList().block();
    }

    private static long num(Document d, String field) {
        return d.get(field) instanceof Number n ? n.longValue() : 0;
    }

    public void check() {
        List<Document> messages = all("messages", new Document("mailbox", 1).append("user", 1).append("size", 1)
                .append("flags", 1).append("x", 1).append("uid", 1));
        Map<String, long[]> perMailbox = new HashMap<>();
        Map<String, Long> perUser = new HashMap<>();
        for (Document m : messages) {
            if (m.containsKey("x")) {
                continue;
            }
            long[] c = perMailbox.computeIfAbsent(m.getString("mailbox"), k -> new long[3]);
            c[0]++;
            c[1] += m.getList("flags", String.class, List.of()).contains("SEEN") ? 0 : 1;
            c[2] += num(m, "size");
            perUser.merge(m.getString("user"), num(m, "size"), Long::sum);
        }
        for (Document box : all("mailboxes", new Document("messages", 1).append("unseen", 1).append("bytes", 1)
                .append("path", 1).append("user", 1))) {
            long[] c = perMailbox.getOrDefault(box.getString("_id"), new long[3]);
            assertThat(new long[] {num(box, "messages"), num(box, "unseen"), num(box, "bytes")})
                    .as("counters (messages, unseen, bytes) of mailbox %s of user %s", box.getString("path"), box.getString("user"))
                    .containsExactly(c);
        }
        for (Document user : all("users", new Document("storageUsed", 1).append("username", 1))) {
            assertThat(num(user, "storageUsed")).as("storage used by %s", user.getString("username"))
                    .isEqualTo(perUser.getOrDefault(user.getString("_id"), 0L));
        }
        Map<String, Long> refs = new HashMap<>();
        java.util.Set<String> bodies = new java.util.HashSet<>();
        for (Document b : all("bodies", new Document("blobs", 1))) {
            bodies.add(b.getString("_id"));
            b.getList("blobs", String.class, List.of()).forEach(h -> refs.merge(h, 1L, Long::sum));
        }
        for (Document m : messages) {
            assertThat(bodies).as("bytes of message %s", m.getString("_id")).contains(m.getString("_id"));
        }
        Map<String, Long> chunks = new HashMap<>();
        for (Document c : all("attachments.chunks", new Document("files_id", 1))) {
            chunks.merge(c.getString("files_id"), 1L, Long::sum);
        }
        java.util.Set<String> files = new java.util.HashSet<>();
        for (Document f : all("attachments.files", new Document("refs", 1).append("length", 1).append("chunkSize", 1))) {
            String h = f.getString("_id");
            files.add(h);
            assertThat(num(f, "refs")).as("references to blob %s", h).isEqualTo(refs.getOrDefault(h, 0L));
            long expected = Math.max(1, (num(f, "length") + num(f, "chunkSize") - 1) / Math.max(1, num(f, "chunkSize")));
            if (refs.containsKey(h)) {
                assertThat(chunks.getOrDefault(h, 0L)).as("chunks of blob %s", h).isEqualTo(expected);
            }
        }
        assertThat(files).as("blobs named by messages exist").containsAll(refs.keySet());
    }

    /**
     * Every live message is in a mailbox that exists: one left in a deleted mailbox is seen by no client and no
     * recount, yet its bytes stay charged to the quota. Expunged messages ({@code x}) are their removal's to purge.
     */
    public void noMessageOutlivesItsMailbox() {
        java.util.Set<String> boxes = new java.util.HashSet<>();
        all("mailboxes", new Document("_id", 1)).forEach(b -> boxes.add(b.getString("_id")));
        List<String> orphans = all("messages", new Document("mailbox", 1).append("x", 1)).stream()
                .filter(m -> !m.containsKey("x") && !boxes.contains(m.getString("mailbox")))
                .map(m -> m.getString("_id")).toList();
        assertThat(orphans).as("live messages whose mailbox is gone").isEmpty();
    }
}
