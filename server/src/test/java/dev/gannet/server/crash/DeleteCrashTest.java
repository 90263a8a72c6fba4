package dev.gannet.server.crash;

import dev.gannet.core.store.UserId;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.GeneratedMail;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code kill -9} while {@code DELETE Big} purges a mailbox of 2,000 messages (RFC 3501 §6.3.4), some of which share a
 * 160 KB attachment with another user's message: once of the node alone, the embedded store running as a process of
 * its own ({@code gannet store}) and keeping every write the node made, the purge's steps included; once of the one
 * process that runs both, whose store comes back with what its last sync held. Between the kill and the repair the
 * test reads the store: the mailbox document gone, messages of Big still there, the intent recorded. A node in this
 * JVM then runs {@code maintenance().repair()} and {@code check()}, and the store must be as if the DELETE had
 * finished: no message of Big left, counters and quota equal to a recount, blob references equal to the messages
 * that name them, and the other user's message byte-exact over IMAP.
 */
class DeleteCrashTest {

    private static final int MESSAGES = 2000;
    private static final int SHARING = 100; // every 100th message of Big carries the shared attachment
    /** Messages of Big still there when the node is killed, per attempt: later attempts kill earlier. */
    private static final long[] KILL_AT = {1500, 1950, 1999};

    @TempDir
    Path dir;

    /** Which processes the kill takes. */
    enum Killed {
        /**
         * The node only; the store process stays up with every write the node made, the purge's steps included, as
         * a node crash on a real MongoDB would leave it.
         */
        NODE,
        /**
         * The one process that runs node and embedded store (the launcher's default): the store comes back with
         * what its last sync held, without the unsynced steps after it.
         */
        NODE_AND_STORE
    }

    @ParameterizedTest
    @EnumSource(Killed.class)
    void deleteKilledPartWayIsFinishedByRepair(Killed killed) throws Exception {
        byte[] shared = GeneratedMail.random(14, 160_000);
        Messages m = new Messages(shared, Setup.withAttachment("other-user-shared", shared),
                Setup.withAttachment("own-shared", shared));
        for (int attempt = 0; attempt < KILL_AT.length; attempt++) {
            Path work = Files.createDirectories(dir.resolve("attempt" + attempt));
            String big;
            if (killed == Killed.NODE) {
                try (Child storeProcess = Child.store("store", work, work.resolve("data"));
                     Store db = new Store(storeProcess.port("store"))) {
                    try (Child node = Child.node("node", work, List.of("roles=imap,api", "mongo.uri=" + db.uri()))) {
                        big = crashDuringDelete(node, db, KILL_AT[attempt], m);
                    }
                    if (repairIfPartWay(killed, attempt, db, big, m)) {
                        return;
                    }
                }
            } else {
                try (Child node = Child.node("node", work, List.of("roles=imap,api"));
                     Store live = new Store(node.embeddedStorePort())) {
                    big = crashDuringDelete(node, live, KILL_AT[attempt], m);
                }
                try (Child storeProcess = Child.store("store", work, work.resolve("data"));
                     Store db = new Store(storeProcess.port("store"))) {
                    if (repairIfPartWay(killed, attempt, db, big, m)) {
                        return;
                    }
                }
            }
        }
        fail("no kill landed part way through the delete in " + KILL_AT.length + " attempts");
    }

    /** The shared attachment and the two messages outside Big that carry it. */
    private record Messages(byte[] shared, byte[] otherUsers, byte[] owners) {
    }

    /**
     * Reads what the kill left; if it is part way (the intent recorded, Big's document gone, some of its messages
     * still there) repairs and checks, and returns true.
     */
    private boolean repairIfPartWay(Killed killed, int attempt, Store db, String big, Messages m) throws Exception {
        String owner = db.userId("owner");
        Document intent = db.treeIntent(owner);
        long left = db.count("messages", new Document("mailbox", big));
        long boxes = db.count("mailboxes", new Document("_id", big));
        if (intent == null || boxes != 0 || left == 0) {
            System.out.printf("delete (%s) attempt %d: the kill did not land part way (intent %s, mailbox %d, %d messages "
                    + "left); retrying earlier%n", killed, attempt, intent, boxes, left);
            return false;
        }
        assertThat(intent.getString("kind")).isEqualTo("delete");
        assertThat(intent.getString("mailbox")).isEqualTo(big);
        String atKill = String.format("the kill (%s) left %d of %d messages of Big, %d bytes documents without a "
                + "message, storageUsed %d against %d bytes of live messages", killed, left, MESSAGES,
                db.bodiesWithoutMessage().size(), db.storageUsed(owner), db.liveBytes(owner));
        System.out.printf("delete attempt %d: %s%n", attempt, atKill);
        repairAndCheck(db, big, atKill, m);
        return true;
    }

    /** Builds the users and Big through {@code node}, deletes Big and kills the node part way; returns Big's id. */
    private String crashDuringDelete(Child node, Store db, long killAt, Messages m) throws Exception {
        int imap = node.port("imap");
        int api = node.port("api");
        Setup.createUser(api, "owner");
        Setup.createUser(api, "other");
        try (Imap other = Imap.login(imap, "other", Setup.PASSWORD)) {
            other.appendAll("INBOX", List.of(m.otherUsers(), Setup.plain("other-plain")));
        }
        try (Imap owner = Imap.login(imap, "owner", Setup.PASSWORD)) {
            owner.appendAll("INBOX", List.of(m.owners(), Setup.plain("own-plain")));
            owner.ok("CREATE Big");
            fill(imap, m.shared());
            String big = db.one("mailboxes", new Document("user", db.userId("owner")).append("path", "Big"))
                    .getString("_id");
            assertThat(db.count("messages", new Document("mailbox", big))).isEqualTo(MESSAGES);

            owner.send0("DELETE Big");
            AtomicLong left = new AtomicLong(MESSAGES);
            boolean reached = Setup.poll(Duration.ofSeconds(60), 10, () -> {
                left.set(db.count("messages", new Document("mailbox", big)));
                return left.get() <= killAt;
            });
            node.kill();
            System.out.printf("delete: killed after a count of %d messages left (reached=%s)%n", left.get(), reached);
            return big;
        }
    }

    /** 2,000 APPENDs to Big over four connections at once (their syncs are shared). */
    private static void fill(int imap, byte[] shared) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int first = c * (MESSAGES / 4);
                done.add(pool.submit(() -> {
                    List<byte[]> batch = new ArrayList<>();
                    for (int i = first; i < first + MESSAGES / 4; i++) {
                        batch.add(i % SHARING == 0 ? Setup.withAttachment("big-" + i, shared) : Setup.plain("big-" + i));
                    }
                    try (Imap client = Imap.login(imap, "owner", Setup.PASSWORD)) {
                        client.appendAll("Big", batch);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void repairAndCheck(Store db, String big, String atKill, Messages m) throws Exception {
        try (GannetExtension node = Setup.nodeOn(db, "imap")) {
            String repaired = node.store().maintenance().repair().block(Duration.ofSeconds(60));
            System.out.println("delete: repair: " + repaired);
            assertThat(repaired).startsWith("1 mailbox tree changes");
            String checked = node.store().maintenance().check().block(Duration.ofSeconds(60));
            System.out.println("delete: check: " + checked);

            assertThat(db.treeIntent(db.userId("owner"))).as("the tree lock after the repair").isNull();
            assertThat(db.count("messages", new Document("mailbox", big))).as("messages of Big").isZero();
            assertThat(db.count("bodies", new Document("mailbox", big))).as("bytes documents of Big").isZero();
            assertThat(db.bodiesWithoutMessage()).as("bytes documents without a message").isEmpty();

            int imap = node.port("imap");
            try (Imap other = Imap.login(imap, "other", Setup.PASSWORD)) {
                assertThat(text(other.fetchAll("INBOX").values())).as("the other user's messages")
                        .containsExactly(text(m.otherUsers()), text(Setup.plain("other-plain")));
            }
            try (Imap owner = Imap.login(imap, "owner", Setup.PASSWORD)) {
                assertThat(owner.list("*")).doesNotContainKey("Big");
                assertThat(text(owner.fetchAll("INBOX").values())).as("the owner's INBOX")
                        .containsExactly(text(m.owners()), text(Setup.plain("own-plain")));
                owner.ok("CREATE Big"); // the name and the tree lock are free again
                assertThat(owner.status(List.of("Big"), "MESSAGES").get("Big")).containsEntry("MESSAGES", 0L);
            }
            // Quota last, so that a drift there is reported with everything else already shown to hold.
            String owner = db.userId("owner");
            long used = db.storageUsed(owner);
            long live = db.liveBytes(owner);
            if (used != live) {
                node.store().quota().recount(new UserId(owner)).block(Duration.ofSeconds(30)); // to check the rest
                db.checkInvariants();
                fail("after repair() and check(), the owner's storageUsed is %d but its live messages hold %d bytes "
                        + "(%+d); %s", used, live, used - live, atKill);
            }
            db.checkInvariants();
        }
    }

    private static String text(byte[] message) {
        return new String(message, StandardCharsets.ISO_8859_1);
    }

    private static List<String> text(java.util.Collection<byte[]> messages) {
        return messages.stream().map(DeleteCrashTest::text).toList();
    }
}
