package dev.gannet.server.crash;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code kill -9} of a whole Gannet (node and embedded H2 store in one process, the launcher's default) while
 * {@code RENAME Folder Renamed} moves a folder with 300 children (RFC 3501 §6.3.5: inferiors move along). Before
 * the tree lock, such a kill left {@code Renamed}, a stray {@code \Noselect Folder} and {@code Folder/Sub<n>} under
 * the old name for good. Here the restarted store must show the half-done rename with its recorded intent, and the
 * tasks role of a node started on it with {@code store.repairGrace=0s} must finish it at its first tick: every
 * mailbox under {@code Renamed} with its UIDVALIDITY and its messages byte for byte, nothing left under
 * {@code Folder}, and the lock free for the next RENAME.
 */
class RenameCrashTest {

    private static final String USER = "renamer";
    private static final int CHILDREN = 300;
    /** Children seen under the new name before the kill, per attempt: later attempts kill earlier. */
    private static final int[] KILL_AFTER = {60, 10, 1};

    @TempDir
    Path dir;

    @Test
    void renameKilledPartWayIsFinishedByTheRepairTask() throws Exception {
        for (int attempt = 0; attempt < KILL_AFTER.length; attempt++) {
            Path work = Files.createDirectories(dir.resolve("attempt" + attempt));
            Map<String, List<byte[]>> appended = new LinkedHashMap<>();
            Map<String, Map<String, Long>> before = crashDuringRename(work, KILL_AFTER[attempt], appended);
            try (Child store = Child.store("store", work, work.resolve("data"));
                 Store db = new Store(store.port("store"))) {
                String user = db.userId(USER);
                Document intent = db.treeIntent(user);
                long old = db.count("mailboxes", new Document("user", user).append("path", under("Folder")));
                long moved = db.count("mailboxes", new Document("user", user).append("path", under("Renamed")));
                if (intent == null || old == 0 || moved == 0) {
                    System.out.printf("rename attempt %d: kill after %d children did not land part way "
                            + "(intent %s, %d under Folder, %d under Renamed); retrying earlier%n",
                            attempt, KILL_AFTER[attempt], intent, old, moved);
                    continue;
                }
                // The half-done state, as the restarted store holds it: some moved, some not, the intent recorded.
                assertThat(intent.getString("kind")).isEqualTo("rename");
                assertThat(intent.getList("moves", Document.class)).hasSize(CHILDREN + 1);
                assertThat(old + moved).isEqualTo(CHILDREN + 1);
                System.out.printf("rename attempt %d: killed with %d mailboxes moved and %d not%n", attempt, moved, old);
                repairAndCheck(work, db, before, appended);
                return;
            }
        }
        fail("no kill landed part way through the rename in " + KILL_AFTER.length + " attempts");
    }

    /** Builds the folder, starts the rename and kills the process part way; returns STATUS of every mailbox. */
    private Map<String, Map<String, Long>> crashDuringRename(Path work, int killAfter, Map<String, List<byte[]>> appended)
            throws Exception {
        try (Child node = Child.node("node", work, List.of("roles=imap,api"))) {
            int imap = node.port("imap");
            Setup.createUser(node.port("api"), USER);
            try (Imap client = Imap.login(imap, USER, Setup.PASSWORD); Imap watcher = Imap.login(imap, USER, Setup.PASSWORD)) {
                List<String> names = new ArrayList<>(List.of("Folder"));
                for (int n = 1; n <= CHILDREN; n++) {
                    names.add("Folder/Sub" + n);
                }
                client.pipeline(names.stream().map(b -> "CREATE " + Imap.quote(b)).toList());
                for (int i = 0; i < names.size(); i += 10) { // Folder and every tenth child hold messages
                    List<byte[]> messages = new ArrayList<>();
                    for (int k = 0; k < 3; k++) {
                        messages.add(Setup.plain(names.get(i).replace('/', '-') + "-" + k));
                    }
                    client.appendAll(names.get(i), messages);
                    appended.put(names.get(i), messages);
                }
                Map<String, Map<String, Long>> before = client.status(names, "UIDVALIDITY UIDNEXT MESSAGES");
                assertThat(before).hasSize(CHILDREN + 1);

                client.send0("RENAME Folder Renamed");
                AtomicInteger seen = new AtomicInteger();
                boolean reached = Setup.poll(Duration.ofSeconds(30), 5, () -> {
                    try {
                        seen.set(watcher.list("Renamed/*").size());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return seen.get() >= killAfter;
                });
                node.kill();
                System.out.printf("rename: killed after LIST showed %d children under Renamed (reached=%s)%n", seen.get(),
                        reached);
                return before;
            }
        }
    }

    private void repairAndCheck(Path work, Store db, Map<String, Map<String, Long>> before,
            Map<String, List<byte[]>> appended) throws Exception {
        try (Child node = Child.node("repairer", work,
                List.of("roles=imap,tasks", "mongo.uri=" + db.uri(), "store.repairGrace=0s"))) {
            int imap = node.port("imap");
            Matcher repaired = node.awaitLine(".*task repair: (\\d+) mailbox tree changes.*", Duration.ofSeconds(60));
            assertThat(repaired.group(1)).as("mailbox tree changes the repair task finished").isEqualTo("1");
            assertThat(db.treeIntent(db.userId(USER))).as("the tree lock after the repair").isNull();

            try (Imap client = Imap.login(imap, USER, Setup.PASSWORD)) {
                Map<String, String> all = client.list("*");
                assertThat(all.keySet()).as("nothing left under the old name").noneMatch(n -> n.equals("Folder")
                        || n.startsWith("Folder/"));
                assertThat(all.values()).as("no \\Noselect placeholder").noneMatch(a -> a.contains("\\Noselect"));
                List<String> renamed = new ArrayList<>();
                for (String old : before.keySet()) {
                    renamed.add("Renamed" + old.substring("Folder".length()));
                }
                assertThat(all.keySet()).containsAll(renamed);
                Map<String, Map<String, Long>> after = client.status(renamed, "UIDVALIDITY UIDNEXT MESSAGES");
                for (Map.Entry<String, Map<String, Long>> e : before.entrySet()) {
                    String now = "Renamed" + e.getKey().substring("Folder".length());
                    assertThat(after.get(now)).as("STATUS of %s (was %s)", now, e.getKey()).isEqualTo(e.getValue());
                }
                for (Map.Entry<String, List<byte[]>> e : appended.entrySet()) {
                    String now = "Renamed" + e.getKey().substring("Folder".length());
                    assertThat(text(new ArrayList<>(client.fetchAll(now).values()))).as("messages of %s", now)
                            .containsExactlyElementsOf(text(e.getValue()));
                }
                client.ok("RENAME \"Renamed/Sub1\" \"Elsewhere\""); // the lock is free again
                assertThat(client.list("*")).containsKey("Elsewhere").doesNotContainKey("Renamed/Sub1");
            }
            db.checkInvariants();
        }
    }

    private static Document under(String root) {
        return new Document("$regex", "^" + root + "(/|$)");
    }

    private static List<String> text(List<byte[]> messages) {
        return messages.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
    }
}
