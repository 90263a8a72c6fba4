package dev.gannet.server.concurrency;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the store below its API, through the MongoDB database the nodes use (docs/store.md "Collections"), for
 * what no protocol shows: each blob's {@code refs} in {@code attachments.files} equals the number of
 * {@code bodies} documents whose {@code blobs} list names it (a name listed twice counts twice), every blob a
 * message uses exists with all its chunks, and every {@code messages} document has its {@code bodies} one.
 */
final class StoreProbe {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private final MongoDatabase db;
    private final Findings findings;

    StoreProbe(MongoDatabase db, Findings findings) {
        this.db = db;
        this.findings = findings;
    }

    /** Blob references as the files documents count them: hash → {refs, length, chunkSize}. */
    Map<String, long[]> blobs() {
        Map<String, long[]> files = new HashMap<>();
        Flux.from(db.getCollection("attachments.files").find()).doOnNext(d -> files.put(d.getString("_id"),
                new long[] {num(d, "refs"), num(d, "length"), num(d, "chunkSize")})).blockLast(WAIT);
        return files;
    }

    /** How many bodies documents name each blob. */
    Map<String, Integer> uses() {
        Map<String, Integer> uses = new HashMap<>();
        Flux.from(db.getCollection("bodies").find().projection(new Document("blobs", 1)))
                .doOnNext(d -> d.getList("blobs", String.class, List.of()).forEach(h -> uses.merge(h, 1, Integer::sum)))
                .blockLast(WAIT);
        return uses;
    }

    void check() {
        Map<String, long[]> files = blobs();
        Map<String, Integer> uses = uses();
        for (Map.Entry<String, long[]> f : files.entrySet()) {
            int used = uses.getOrDefault(f.getKey(), 0);
            if (f.getValue()[0] != used) {
                findings.add("blobs: each blob's refs equals the messages that use it", "blob "
                        + f.getKey().substring(0, 12) + "… of " + f.getValue()[1] + " bytes has refs " + f.getValue()[0]
                        + ", " + used + " bodies documents name it");
            }
            if (used > 0) {
                chunks(f.getKey(), f.getValue()[1], f.getValue()[2]);
            }
        }
        for (Map.Entry<String, Integer> u : uses.entrySet()) {
            if (!files.containsKey(u.getKey())) {
                findings.add("blobs: every blob a message uses exists", "blob " + u.getKey().substring(0, 12)
                        + "… is named by " + u.getValue() + " bodies documents and has no attachments.files document");
            }
        }
        Set<String> bodies = ids("bodies");
        Set<String> messages = ids("messages");
        messages.removeAll(bodies);
        if (!messages.isEmpty()) {
            findings.add("store: every message document has its bytes", messages.size()
                    + " messages documents without a bodies document, e.g. " + messages.iterator().next());
        }
    }

    private void chunks(String hash, long length, long chunkSize) {
        long count = Math.max(1, (length + chunkSize - 1) / Math.max(1, chunkSize));
        List<String> ids = new ArrayList<>();
        for (long n = 0; n < count; n++) {
            ids.add(hash + ":" + n);
        }
        Long found = Flux.from(db.getCollection("attachments.chunks")
                .find(new Document("_id", new Document("$in", ids))).projection(new Document("_id", 1)))
                .count().block(WAIT);
        if (found == null || found != count) {
            findings.add("blobs: every chunk of a blob in use is there", "blob " + hash.substring(0, 12) + "… of "
                    + length + " bytes has " + found + " of its " + count + " chunks");
        }
    }

    private Set<String> ids(String collection) {
        Set<String> ids = new HashSet<>();
        Flux.from(db.getCollection(collection).find().projection(new Document("_id", 1)))
                .doOnNext(d -> ids.add(String.valueOf(d.get("_id")))).blockLast(WAIT);
        return ids;
    }

    private static long num(Document d, String field) {
        Object v = d.get(field);
        return v instanceof Number n ? n.longValue() : 0;
    }
}
