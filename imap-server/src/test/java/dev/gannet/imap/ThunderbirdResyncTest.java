package dev.gannet.imap;

import dev.gannet.core.store.Flag;
import dev.gannet.core.store.FlagUpdate;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.UidSet;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thunderbird's QRESYNC resynchronisation (RFC 7162 §3.2.5, §3.2.6), over a real socket: it caches UID → flags,
 * goes away while another client expunges, flags and delivers, then comes back with {@code ENABLE QRESYNC},
 * {@code SELECT INBOX (QRESYNC (uidvalidity modseq))} and {@code UID FETCH 1:* (FLAGS) (CHANGEDSINCE modseq
 * VANISHED)}. Applying only what those answers say to its cache must give exactly what a full
 * {@code UID FETCH 1:* (FLAGS)} shows; a stale UIDVALIDITY gets no resync data at all.
 */
class ThunderbirdResyncTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    private static final Pattern FETCH = Pattern.compile("\\* \\d+ FETCH \\(UID (\\d+) FLAGS \\(([^)]*)\\)(?: MODSEQ \\((\\d+)\\))?\\)");
    private static final Pattern CODE = Pattern.compile("\\* OK \\[(UIDVALIDITY|HIGHESTMODSEQ) (\\d+)].*");

    @Test
    void reselectWithQresyncConvergesOnTheServerState() throws Exception {
        TestUser user = gannet.createUser();
        var inbox = inboxWith(user, 12);
        Map<Long, String> cache = new TreeMap<>();
        long uidValidity;
        long modseq;
        try (ImapTestClient c = login(user)) {
            assertThat(c.command("a2", "ENABLE QRESYNC")).contains("* ENABLED QRESYNC");
            List<String> select = c.command("a3", "SELECT INBOX");
            uidValidity = code(select, "UIDVALIDITY");
            modseq = code(select, "HIGHESTMODSEQ");
            for (String line : c.command("a4", "UID FETCH 1:* (FLAGS)")) {
                Matcher m = FETCH.matcher(line);
                if (m.matches()) {
                    cache.put(Long.parseLong(m.group(1)), withoutRecent(m.group(2)));
                }
            }
            c.command("a5", "LOGOUT");
        }
        assertThat(cache).hasSize(12);

        // meanwhile: another client flags three messages, expunges four, and two messages arrive
        var messages = gannet.store().messages();
        messages.updateFlags(inbox.id(), range(2, 3), FlagUpdate.add(Flags.of(Flag.FLAGGED))).block();
        messages.updateFlags(inbox.id(), range(9, 9), FlagUpdate.add(Flags.of(Flag.SEEN))).block();
        messages.expunge(inbox.id(), range(3, 5)).block();
        messages.expunge(inbox.id(), range(12, 12)).block();
        append(user, inbox.id(), 13);
        append(user, inbox.id(), 14);

        try (ImapTestClient c = login(user)) {
            assertThat(c.command("b2", "ENABLE QRESYNC")).contains("* ENABLED QRESYNC");
            List<String> select = c.command("b3", "SELECT INBOX (QRESYNC (" + uidValidity + " " + modseq + "))");
            assertThat(select).contains("* VANISHED (EARLIER) 3:5,12");
            apply(cache, select);
            List<String> fetch = c.command("b4", "UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + modseq + " VANISHED)");
            assertThat(fetch.get(0)).isEqualTo("* VANISHED (EARLIER) 3:5,12");
            assertThat(fetch.get(fetch.size() - 1)).startsWith("b4 OK");
            apply(cache, fetch);
            assertThat(cache.keySet()).containsExactly(1L, 2L, 6L, 7L, 8L, 9L, 10L, 11L, 13L, 14L);
            assertThat(cache.get(2L)).contains("\\Flagged");
            assertThat(cache.get(9L)).contains("\\Seen");

            Map<Long, String> full = new TreeMap<>();
            for (String line : c.command("b5", "UID FETCH 1:* (FLAGS)")) {
                Matcher m = FETCH.matcher(line);
                if (m.matches()) {
                    full.put(Long.parseLong(m.group(1)), withoutRecent(m.group(2)));
                }
            }
            assertThat(cache).as("the cache after the resync is the server's state").isEqualTo(full);

            List<String> stale = c.command("b6", "SELECT INBOX (QRESYNC (" + (uidValidity + 1) + " " + modseq + "))");
            assertThat(stale).noneMatch(l -> l.startsWith("* VANISHED") || l.contains(" FETCH "));
            assertThat(stale.get(stale.size() - 1)).startsWith("b6 OK [READ-WRITE]");
        }
    }

    /**
     * RFC 7162 §3.2.5.2: once the journal is trimmed past the client's modseq, SELECT and UID FETCH report as vanished
     * every UID of the client's range that is gone, and the changed messages still come with their MODSEQ.
     */
    @Test
    void resyncAfterTheJournalWasTrimmed() throws Exception {
        TestUser user = gannet.createUser();
        var inbox = inboxWith(user, 6);
        var messages = gannet.store().messages();
        messages.updateFlags(inbox.id(), range(2, 2), FlagUpdate.add(Flags.of(Flag.FLAGGED))).block();
        messages.expunge(inbox.id(), range(3, 4)).block();
        Thread.sleep(20);
        gannet.store().journal().trim(java.time.Duration.ZERO).block();
        long uidValidity = inbox.uidValidity();
        try (ImapTestClient c = login(user)) {
            c.command("a2", "ENABLE QRESYNC");
            List<String> known = c.command("a3", "SELECT INBOX (QRESYNC (" + uidValidity + " 6 1:3,5))");
            // the first SELECT takes \Recent for the session, the later ones find the messages taken
            assertThat(known).contains("* VANISHED (EARLIER) 3", "* 2 FETCH (UID 2 FLAGS (\\Flagged \\Recent) MODSEQ (7))");
            List<String> all = c.command("a4", "SELECT INBOX (QRESYNC (" + uidValidity + " 6))");
            assertThat(all).contains("* VANISHED (EARLIER) 3:4", "* 2 FETCH (UID 2 FLAGS (\\Flagged) MODSEQ (7))");
            List<String> fetch = c.command("a5", "UID FETCH 1:* (FLAGS) (CHANGEDSINCE 6 VANISHED)");
            assertThat(fetch).containsExactly("* VANISHED (EARLIER) 3:4", "* 2 FETCH (UID 2 FLAGS (\\Flagged) MODSEQ (7))",
                    "a5 OK UID FETCH completed");
        }
    }

    private static void apply(Map<Long, String> cache, List<String> lines) {
        for (String line : lines) {
            if (line.startsWith("* VANISHED (EARLIER) ")) {
                for (long uid : uids(line.substring("* VANISHED (EARLIER) ".length()))) {
                    cache.remove(uid);
                }
            }
            Matcher m = FETCH.matcher(line);
            if (m.matches()) {
                assertThat(m.group(3)).as("MODSEQ in %s", line).isNotNull();
                cache.put(Long.parseLong(m.group(1)), withoutRecent(m.group(2)));
            }
        }
    }

    /** \Recent belongs to the session, not to the message a client caches. */
    private static String withoutRecent(String flags) {
        return flags.replace(" \\Recent", "").replace("\\Recent", "");
    }

    private static TreeSet<Long> uids(String set) {
        TreeSet<Long> out = new TreeSet<>();
        for (String part : set.split(",")) {
            String[] ends = part.split(":");
            long a = Long.parseLong(ends[0]);
            long b = Long.parseLong(ends[ends.length - 1]);
            for (long u = Math.min(a, b); u <= Math.max(a, b); u++) {
                out.add(u);
            }
        }
        return out;
    }

    private static UidSet range(long from, long to) {
        return new UidSet(List.of(new UidSet.Range(from, to)));
    }

    private static long code(List<String> lines, String name) {
        for (String line : lines) {
            Matcher m = CODE.matcher(line);
            if (m.matches() && m.group(1).equals(name)) {
                return Long.parseLong(m.group(2));
            }
        }
        throw new AssertionError("no " + name + " in " + lines);
    }

    private static ImapTestClient login(TestUser user) throws Exception {
        return ImapTestClient.login(gannet.port("imap"), user);
    }

    /** The user's INBOX after messages m1..mN were delivered to it. */
    private static dev.gannet.core.store.Mailbox inboxWith(TestUser user, int n) {
        var inbox = gannet.mailbox(user, "INBOX");
        for (int i = 1; i <= n; i++) {
            append(user, inbox.id(), i);
        }
        return inbox;
    }

    private static void append(TestUser user, dev.gannet.core.store.MailboxId box, int i) {
        byte[] mail = ("From: a@example.org\r\nSubject: m" + i + "\r\nMessage-ID: <t" + i + "@example.org>\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        gannet.append(user, box, mail);
    }
}
