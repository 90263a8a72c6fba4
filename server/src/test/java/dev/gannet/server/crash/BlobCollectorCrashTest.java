package dev.gannet.server.crash;

import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.GeneratedMail;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code kill -9} of a whole Gannet (node and embedded H2 store in one process) while its blob collector (the
 * {@code blob-gc} task, every second here) deletes 60 blobs nobody refers to any more: one user's messages with 60
 * different attachments were expunged and purged. Two more blobs are in the same pass's way: one that user shared
 * with another user's message (its count is 1, it is no candidate), and one whose count is set to 0 through the
 * driver while a kept message still names it (the drift the collector's reference check exists for; nothing in the
 * API can make it). The restarted store must show the pass half done; a node on it then runs further passes, after
 * which the 60 are gone with their chunks, the other two are whole, and every message reads back byte for byte.
 */
class BlobCollectorCrashTest {

    private static final int UNREFERENCED = 60;
    private static final String FILES = "attachments.files";

    /**
     * When to kill, per attempt: once this many of the 60 are gone and a marked one has lost its chunks (the state
     * between the collector's two deletes), or at the latest once 50 are gone; 0 means as soon as one is marked.
     */
    private static final int[] KILL_AFTER = {10, 1, 0};

    @TempDir
    Path dir;

    @Test
    void collectorKilledPartWayLosesNoChunkOfANamedBlob() throws Exception {
        List<byte[]> gone = new ArrayList<>();
        for (int i = 0; i < UNREFERENCED; i++) {
            gone.add(GeneratedMail.random(100 + i, 20_000 + (i % 6 == 0 ? 260_000 : 0))); // every 6th has two chunks
        }
        byte[] shared = GeneratedMail.random(7, 600_000); // three chunks
        byte[] drifted = GeneratedMail.random(8, 30_000);
        List<String> goneHashes = gone.stream().map(BlobCollectorCrashTest::sha256).toList();
        Messages m = new Messages(gone, shared, drifted);

        for (int attempt = 0; attempt < KILL_AFTER.length; attempt++) {
            Path work = Files.createDirectories(dir.resolve("attempt" + attempt));
            crashDuringCollection(work, m, goneHashes, sha256(shared), sha256(drifted), KILL_AFTER[attempt]);
            try (Child storeProcess = Child.store("store", work, work.resolve("data"));
                 Store db = new Store(storeProcess.port("store"))) {
                List<Document> left = db.find(FILES, new Document("_id", new Document("$in", goneHashes)));
                long marked = left.stream().filter(d -> Boolean.TRUE.equals(d.getBoolean("deleting"))).count();
                Document drift = db.one(FILES, new Document("_id", sha256(drifted)));
                boolean driftMarked = Boolean.TRUE.equals(drift.getBoolean("deleting"));
                long chunkless = left.stream().filter(d -> db.count("attachments.chunks",
                        new Document("files_id", d.getString("_id"))) < chunks(d)).count();
                String state = String.format("%d of the %d blobs left, %d of them marked, %d of them missing chunks; "
                        + "drifted blob refs %s marked %s", left.size(), UNREFERENCED, marked, chunkless, drift.get("refs"),
                        driftMarked);
                if (left.isEmpty() || (left.size() == UNREFERENCED && marked == 0 && !driftMarked)) {
                    System.out.printf("collector attempt %d: kill did not land part way (%s); retrying earlier%n",
                            attempt, state);
                    continue;
                }
                System.out.printf("collector attempt %d: killed with %s%n", attempt, state);
                collectAndCheck(db, m, goneHashes, sha256(shared), sha256(drifted));
                return;
            }
        }
        fail("no kill landed part way through a collector pass in " + KILL_AFTER.length + " attempts");
    }

    /** The messages of the two users. */
    private record Messages(List<byte[]> gone, byte[] shared, byte[] drifted) {

        List<byte[]> ownerExpunged() {
            List<byte[]> l = new ArrayList<>();
            for (int i = 0; i < gone.size(); i++) {
                l.add(Setup.withAttachment("gone-" + i, gone.get(i)));
            }
            l.add(Setup.withAttachment("owner-shared", shared));
            return l;
        }

        List<byte[]> ownerKept() {
            return List.of(Setup.withAttachment("owner-drifted", drifted), Setup.plain("owner-plain"));
        }

        List<byte[]> other() {
            return List.of(Setup.withAttachment("other-shared", shared), Setup.plain("other-plain"));
        }
    }

    private void crashDuringCollection(Path work, Messages m, List<String> goneHashes, String sharedHash,
            String driftedHash, int killAfter) throws Exception {
        try (Child node = Child.node("node", work, List.of("roles=imap,api,tasks", "tasks.blobGcInterval=1s",
                "store.blobGcGrace=2s", "tasks.purgeInterval=1s", "store.expungedRetention=0s", "store.dedupBytes=16384"))) {
            int imap = node.port("imap");
            int api = node.port("api");
            try (Store db = new Store(node.embeddedStorePort())) {
                Setup.createUser(api, "owner");
                Setup.createUser(api, "other");
                try (Imap other = Imap.login(imap, "other", Setup.PASSWORD)) {
                    other.appendAll("INBOX", m.other());
                }
                try (Imap owner = Imap.login(imap, "owner", Setup.PASSWORD)) {
                    List<byte[]> expunged = m.ownerExpunged();
                    owner.appendAll("INBOX", expunged);
                    owner.appendAll("INBOX", m.ownerKept());
                    assertThat(db.count(FILES, new Document("_id", new Document("$in", goneHashes))))
                            .as("the 60 attachments are stored as blobs of their decoded content").isEqualTo(UNREFERENCED);
                    owner.ok("SELECT INBOX");
                    owner.ok("STORE 1:" + expunged.size() + " +FLAGS.SILENT (\\Deleted)");
                    owner.ok("EXPUNGE");
                }
                // The purge task deletes the expunged messages and so releases their blobs.
                // (the purge deletes several messages at a time, in no particular order: wait for all of them)
                assertThat(Setup.poll(Duration.ofSeconds(30), 20, () -> db.count(FILES, new Document("_id",
                        new Document("$in", goneHashes)).append("refs", 0L)) == UNREFERENCED
                        && Long.valueOf(1L).equals(db.one(FILES, new Document("_id", sharedHash)).get("refs"))))
                        .as("the purge released the 60 blobs and the owner's reference to the shared one").isTrue();
                assertThat(db.one(FILES, new Document("_id", sharedHash)).get("refs")).isEqualTo(1L);
                // Simulated drift: the kept message still names this blob, yet its count says 0, since the same
                // moment as the 60, so that the same pass takes it.
                Document first = db.one(FILES, new Document("_id", goneHashes.get(0)));
                com.mongodb.client.result.UpdateResult r = reactor.core.publisher.Mono.from(db.db().getCollection(FILES)
                        .updateOne(new Document("_id", driftedHash), new Document("$set", new Document("refs", 0L)
                                .append("changed", first.getDate("changed"))))).block(Duration.ofSeconds(30));
                assertThat(r.getModifiedCount()).isEqualTo(1);

                AtomicReference<String> seen = new AtomicReference<>("");
                boolean reached = Setup.poll(Duration.ofSeconds(30), 5, () -> {
                    List<Document> docs = db.find(FILES, new Document("_id", new Document("$in", goneHashes)));
                    List<String> marked = docs.stream().filter(d -> Boolean.TRUE.equals(d.getBoolean("deleting")))
                            .map(d -> d.getString("_id")).toList();
                    long withChunks = marked.isEmpty() ? 0 : db.find("attachments.chunks", new Document("files_id",
                            new Document("$in", marked)), new Document("files_id", 1)).stream().map(c -> c.getString("files_id")).distinct().count();
                    long goneNow = UNREFERENCED - docs.size();
                    seen.set(docs.size() + " left, " + marked.size() + " marked, " + (marked.size() - withChunks)
                            + " of them without chunks");
                    return killAfter == 0 ? !marked.isEmpty()
                            : goneNow >= killAfter && (withChunks < marked.size() || goneNow >= 50);
                });
                node.kill();
                System.out.printf("collector: killed when the 60 blobs were %s (reached=%s)%n", seen.get(), reached);
            }
        }
    }

    private void collectAndCheck(Store db, Messages m, List<String> goneHashes, String sharedHash, String driftedHash)
            throws Exception {
        try (GannetExtension node = Setup.nodeOn(db, "imap")) {
            List<Long> passes = new ArrayList<>();
            for (int pass = 0; pass < 3; pass++) { // the first resumes the dead collector's marks
                long removed = node.store().blobs().collect(Duration.ZERO).block(Duration.ofSeconds(60));
                passes.add(removed);
                if (removed == 0) {
                    break;
                }
            }
            System.out.println("collector: later passes removed " + passes);
            assertThat(db.count(FILES, new Document("_id", new Document("$in", goneHashes))))
                    .as("blobs nobody names, after further passes").isZero();
            assertThat(db.count("attachments.chunks", new Document("files_id", new Document("$in", goneHashes))))
                    .as("their chunks").isZero();
            for (String h : List.of(sharedHash, driftedHash)) {
                Document f = db.one(FILES, new Document("_id", h));
                assertThat(f).as("blob %s", h).isNotNull();
                assertThat(f.get("refs")).as("references to blob %s", h).isEqualTo(1L);
                assertThat(f.getBoolean("deleting")).as("mark on blob %s", h).isNotEqualTo(Boolean.TRUE);
            }
            db.checkInvariants(); // every named blob has all its chunks, every count equals its messages

            int imap = node.port("imap");
            try (Imap owner = Imap.login(imap, "owner", Setup.PASSWORD)) {
                assertThat(text(owner.fetchAll("INBOX").values())).containsExactlyElementsOf(text(m.ownerKept()));
            }
            try (Imap other = Imap.login(imap, "other", Setup.PASSWORD)) {
                assertThat(text(other.fetchAll("INBOX").values())).containsExactlyElementsOf(text(m.other()));
            }
        }
    }

    private static long chunks(Document file) {
        long length = ((Number) file.get("length")).longValue();
        long size = ((Number) file.get("chunkSize")).longValue();
        return Math.max(1, (length + size - 1) / size);
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> text(java.util.Collection<byte[]> messages) {
        return messages.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
    }
}
