package dev.gannet.imap;

import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code \Recent} (RFC 3501 §2.3.2) while everything happens at once: six sessions SELECT, EXAMINE, IDLE, APPEND,
 * expunge and ask STATUS RECENT while deliveries arrive, the way imaptest drives a server. Whatever the
 * interleaving, no message is ever shown as {@code \Recent} in two sessions, and once everything is quiet every
 * session's view is the mailbox and its RECENT count matches its {@code \Recent} messages.
 */
class RecentRaceTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    private static final int SESSIONS = 6;
    private static final int STEPS = 60;

    @Test
    void recentStaysInOneSessionUnderConcurrency() throws Exception {
        TestUser user = gannet.createUser();
        Mailbox inbox = gannet.mailbox(user, "INBOX");
        byte[] message = ScriptRunner.message("simple.eml");
        Map<Long, String> owner = new ConcurrentHashMap<>();
        List<ViewClient> sessions = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS + 1);
        try {
            for (int i = 0; i < SESSIONS; i++) {
                sessions.add(ViewClient.login("r" + i, gannet.port("imap"), user.username(), user.password()));
            }
            List<Future<?>> running = new ArrayList<>();
            running.add(pool.submit(() -> {
                for (int i = 0; i < 80; i++) {
                    gannet.store().messages().append(new AppendRequest(user.id(), inbox.id(), MessageSource.of(message),
                            Flags.NONE, null, AppendRequest.Origin.LMTP)).block();
                }
                return null;
            }));
            for (int i = 0; i < SESSIONS; i++) {
                ViewClient v = sessions.get(i);
                Random rnd = new Random(1000 + i);
                running.add(pool.submit(() -> {
                    for (int step = 0; step < STEPS; step++) {
                        act(v, rnd, message);
                        v.recentUids.forEach(u -> assertThat(owner.putIfAbsent(u, v.name)).as("UID %d \\Recent", u)
                                .isIn(null, v.name));
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(120, TimeUnit.SECONDS);
            }
            List<Long> expected = Arrays.stream(gannet.store().messages().uids(inbox.id()).block()).boxed().toList();
            for (ViewClient v : sessions) {
                if (v.selected != null) {
                    v.look();
                    assertThat(v.uids).as("%s's view when all is quiet", v.name).isEqualTo(expected);
                    v.recentUids.forEach(u -> assertThat(owner.putIfAbsent(u, v.name)).as("UID %d \\Recent", u)
                            .isIn(null, v.name));
                }
            }
        } finally {
            pool.shutdownNow();
            for (ViewClient v : sessions) {
                v.close();
            }
        }
    }

    /**
     * The first SELECT of a mailbox reads its whole UID list while deliveries are in flight: a message whose UID
     * and modseq were allocated before the SELECT read the mailbox, but whose document was written after it read
     * the list, must still reach the view (and every view later built from the cached list).
     */
    @Test
    void firstSelectDuringDeliveriesMissesNothing() throws Exception {
        TestUser user = gannet.createUser();
        byte[] message = ScriptRunner.message("simple.eml");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ViewClient v = ViewClient.login("f", gannet.port("imap"), user.username(), user.password())) {
            for (int round = 0; round < 25; round++) {
                Mailbox box = gannet.createMailbox(user, "R" + round);
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    running.add(pool.submit(() -> {
                        for (int i = 0; i < 5; i++) {
                            gannet.store().messages().append(new AppendRequest(user.id(), box.id(),
                                    MessageSource.of(message), Flags.NONE, null, AppendRequest.Origin.LMTP)).block();
                        }
                        return null;
                    }));
                }
                Thread.sleep(round % 5);
                v.select("R" + round, false);
                for (Future<?> f : running) {
                    f.get(60, TimeUnit.SECONDS);
                }
                v.look();
                List<Long> expected = Arrays.stream(gannet.store().messages().uids(box.id()).block()).boxed().toList();
                assertThat(v.uids).as("round %d: the view after the deliveries", round).isEqualTo(expected);
                assertThat(v.recentUids).as("round %d: \\Recent", round).hasSize(expected.size());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void act(ViewClient v, Random rnd, byte[] message) throws Exception {
        switch (rnd.nextInt(9)) {
            case 0, 1 -> v.select("INBOX", rnd.nextInt(4) == 0);
            case 2 -> v.append("INBOX", "", message);
            case 3 -> v.ok("STATUS INBOX (MESSAGES RECENT)");
            case 4 -> {
                if (v.selected != null && !v.readOnly && v.exists > 0) {
                    v.ok("STORE " + (1 + rnd.nextInt(v.exists)) + " +FLAGS.SILENT (\\Deleted)");
                    v.ok("EXPUNGE");
                }
            }
            case 5 -> {
                if (v.selected != null) {
                    v.idle();
                    v.done();
                }
            }
            case 6 -> {
                if (v.selected != null) {
                    v.ok("CLOSE");
                    v.deselected();
                }
            }
            default -> {
                if (v.selected != null) {
                    v.ok("NOOP");
                    if (v.exists > 0) {
                        v.ok("FETCH 1:* (UID FLAGS)");
                    }
                }
            }
        }
    }
}
