package dev.gannet.imap;

import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code \Recent} (RFC 3501 §2.3.2, §7.3.2) with several sessions on one mailbox over real sockets: a message is
 * recent in exactly one session, the first read-write one to learn of it; each session's RECENT count is the
 * number of its messages that FETCH shows with {@code \Recent}; STATUS RECENT (§6.3.10) counts the messages no
 * session has claimed and takes nothing away from the session that asks, or from any other.
 */
class RecentFlagTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    /** Flags for APPEND and STORE: keywords that match without case, so that some are new and some are not. */
    private static final String[] KEYWORDS = {"", "\\Seen", "$Forwarded", "$forwarded Junk", "Junk \\Flagged",
        "kw1", "KW1 kw2", "$Label3"};

    private static final Pattern STATUS = Pattern.compile("\\* STATUS \\S+ \\(.*RECENT (\\d+).*\\)");

    private TestUser user;
    private Mailbox inbox;
    private Mailbox other;
    private final Set<Long> claimed = new HashSet<>();
    private final List<ViewClient> sessions = new ArrayList<>();

    private ViewClient session(String name) throws IOException {
        ViewClient v = ViewClient.login(name, gannet.port("imap"), user.username(), user.password());
        sessions.add(v);
        return v;
    }

    private void setUp() {
        user = gannet.createUser();
        inbox = gannet.mailbox(user, "INBOX");
        other = gannet.createMailbox(user, "Other");
    }

    private static byte[] message() throws IOException {
        return ScriptRunner.message("simple.eml");
    }

    private void deliver(Mailbox box, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            gannet.store().messages().append(new AppendRequest(user.id(), box.id(), MessageSource.of(message()),
                    Flags.NONE, null, AppendRequest.Origin.LMTP)).block();
        }
    }

    private long[] storeUids() {
        return gannet.store().messages().uids(inbox.id()).block();
    }

    /** Messages of the mailbox that no session has shown as {@code \Recent} so far. */
    private Set<Long> unclaimed() {
        Set<Long> out = new TreeSet<>();
        for (long u : storeUids()) {
            if (!claimed.contains(u)) {
                out.add(u);
            }
        }
        return out;
    }

    /** The invariants, after every step: each view is the mailbox, and no UID is recent twice. */
    private void check(String step) throws IOException {
        List<Long> expected = Arrays.stream(storeUids()).boxed().toList();
        Set<Long> seen = new HashSet<>();
        for (ViewClient v : sessions) {
            if (!"INBOX".equals(v.selected)) {
                continue;
            }
            Set<Long> recent = v.look();
            assertThat(v.unannounced).as("%s: %s met keywords FLAGS had not named", step, v.name).isEmpty();
            assertThat(v.uids).as("%s: %s's view", step, v.name).isEqualTo(expected);
            if (v.readOnly) {
                assertThat(recent).as("%s: %s is read-only", step, v.name).isEmpty();
            }
            for (long u : recent) {
                assertThat(seen.add(u)).as("%s: UID %d is \\Recent in %s and in another session", step, u, v.name)
                        .isTrue();
                assertThat(claimed.contains(u) && !recentBefore(v, u))
                        .as("%s: UID %d was \\Recent in an earlier session, now in %s", step, u, v.name).isFalse();
            }
        }
        for (ViewClient v : sessions) {
            if ("INBOX".equals(v.selected)) {
                v.lastRecent.clear();
                v.lastRecent.addAll(v.recentUids);
            }
        }
        claimed.addAll(seen);
        if (sessions.stream().anyMatch(v -> "INBOX".equals(v.selected) && !v.readOnly)) {
            assertThat(unclaimed()).as("%s: messages a read-write session knows but nobody holds as \\Recent", step)
                    .isEmpty();
        }
    }

    private static boolean recentBefore(ViewClient v, long uid) {
        return v.lastRecent.contains(uid);
    }

    private long status(ViewClient v) throws IOException {
        for (String line : v.ok("STATUS INBOX (MESSAGES RECENT)")) {
            Matcher m = STATUS.matcher(line);
            if (m.matches()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new AssertionError("no STATUS response");
    }

    /** The measured bug: STATUS RECENT and then SELECT in one session left the session without its messages. */
    @Test
    void statusThenSelectKeepsTheRecentMessages() throws Exception {
        setUp();
        try {
            ViewClient a = session("a");
            ViewClient b = session("b");
            deliver(inbox, 2);
            a.select("INBOX", false);
            check("first select");
            a.ok("CLOSE");
            a.deselected();
            deliver(inbox, 3);
            assertThat(status(a)).as("STATUS RECENT after three deliveries").isEqualTo(3);
            a.select("INBOX", false);
            assertThat(a.recent).as("RECENT of the SELECT after STATUS").isEqualTo(3);
            check("select after status");
            b.select("INBOX", false);
            assertThat(b.recent).as("RECENT of the next session").isZero();
            check("second session");
            assertThat(status(b)).isZero();
        } finally {
            closeAll();
        }
    }

    /** SELECT from the shared UID-list cache must claim the messages its catch-up adds, not only the cached ones. */
    @Test
    void selectFromTheCachedListClaimsWhatTheCatchUpAdds() throws Exception {
        setUp();
        try {
            ViewClient a = session("a");
            ViewClient b = session("b");
            deliver(inbox, 1);
            a.select("INBOX", true);
            a.ok("CLOSE");
            a.deselected();
            deliver(inbox, 2);
            b.select("INBOX", false);
            assertThat(b.recent).as("RECENT when the cached list is behind").isEqualTo(3);
            check("select from cache");
            a.select("INBOX", false);
            assertThat(a.recent).isZero();
            check("second select");
        } finally {
            closeAll();
        }
    }

    /** A delivery seen during IDLE is recent in the idling session, and STATUS from another one says so. */
    @Test
    void idleClaimsWhatItReports() throws Exception {
        setUp();
        try {
            ViewClient a = session("a");
            ViewClient b = session("b");
            a.select("INBOX", false);
            a.idle();
            deliver(inbox, 1);
            a.idleUntil("^\\* 1 RECENT");
            a.done();
            assertThat(status(b)).isZero();
            b.select("INBOX", false);
            assertThat(b.recent).isZero();
            check("after idle");
        } finally {
            closeAll();
        }
    }

    /**
     * A random walk of deliveries, APPENDs, COPY and MOVE into the mailbox, SELECT, EXAMINE, CLOSE, STATUS,
     * expunges, keyword STOREs and IDLE over five sessions, with the invariants checked after every step (and no
     * keyword ever shown before a FLAGS response named it).
     */
    @Test
    void randomWalkKeepsRecentInOneSession() throws Exception {
        long seed = Long.getLong("recent.seed", 20260114L);
        Random rnd = new Random(seed);
        setUp();
        try {
            List<ViewClient> views = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                views.add(session("s" + i));
            }
            ViewClient mover = session("m");
            mover.select("Other", false);
            deliver(inbox, 3);
            for (int step = 0; step < 100; step++) {
                ViewClient v = views.get(rnd.nextInt(views.size()));
                String what = walk(rnd, v, mover);
                check("seed " + seed + " step " + step + " " + v.name + " " + what);
            }
        } finally {
            closeAll();
        }
    }

    private String walk(Random rnd, ViewClient v, ViewClient mover) throws IOException {
        switch (rnd.nextInt(12)) {
            case 0, 1 -> {
                int n = 1 + rnd.nextInt(3);
                deliver(inbox, n);
                return "deliver " + n;
            }
            case 2 -> {
                String flags = KEYWORDS[rnd.nextInt(KEYWORDS.length)];
                v.append("INBOX", flags, message());
                return "append (" + flags + ")";
            }
            case 3 -> {
                deliver(other, 2);
                boolean move = rnd.nextBoolean();
                mover.ok("NOOP");
                mover.ok(move ? "MOVE 1:* INBOX" : "COPY 1:* INBOX");
                if (!move) {
                    mover.ok("STORE 1:* +FLAGS.SILENT (\\Deleted)");
                    mover.ok("EXPUNGE");
                }
                return move ? "move" : "copy";
            }
            case 4, 5 -> {
                v.select("INBOX", false);
                return "select";
            }
            case 6 -> {
                v.select("INBOX", true);
                return "examine";
            }
            case 7 -> {
                if (v.selected != null) {
                    v.ok(rnd.nextBoolean() ? "CLOSE" : "UNSELECT");
                    v.deselected();
                }
                return "close";
            }
            case 8 -> {
                if (rnd.nextBoolean()) {
                    deliver(inbox, 1);
                }
                ViewClient asker = rnd.nextInt(4) == 0 ? mover : v;
                long expected = unclaimed().size();
                assertThat(status(asker)).as("STATUS RECENT from %s (selected %s)", asker.name, asker.selected)
                        .isEqualTo(expected);
                if (asker == v && v.selected == null && rnd.nextBoolean()) {
                    v.select("INBOX", false);
                    assertThat(v.recent).as("SELECT right after STATUS RECENT %d", expected).isEqualTo((int) expected);
                    return "status+select";
                }
                return "status";
            }
            case 9 -> {
                if (!"INBOX".equals(v.selected) || v.readOnly || v.exists == 0) {
                    return "no expunge";
                }
                int seq = 1 + rnd.nextInt(v.exists);
                v.ok("STORE " + seq + " +FLAGS.SILENT (\\Deleted)");
                v.ok("EXPUNGE");
                return "expunge";
            }
            case 10 -> {
                if (!"INBOX".equals(v.selected) || v.readOnly || v.exists == 0) {
                    return "no store";
                }
                String flags = KEYWORDS[rnd.nextInt(KEYWORDS.length)];
                v.ok("STORE " + (1 + rnd.nextInt(v.exists)) + (rnd.nextBoolean() ? " +FLAGS.SILENT (" : " +FLAGS (")
                        + flags + ")");
                return "store (" + flags + ")";
            }
            default -> {
                if (!"INBOX".equals(v.selected)) {
                    return "no idle";
                }
                v.idle();
                deliver(inbox, 1);
                v.idleUntil(" EXISTS$");
                v.done();
                return "idle";
            }
        }
    }

    private void closeAll() throws IOException {
        for (ViewClient v : sessions) {
            v.close();
        }
        sessions.clear();
        claimed.clear();
    }
}
