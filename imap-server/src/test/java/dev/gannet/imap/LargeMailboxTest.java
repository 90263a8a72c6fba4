package dev.gannet.imap;

import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Flag;
import dev.gannet.core.store.FlagUpdate;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.UidSet;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import dev.gannet.imap.session.UidListCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SELECT, FETCH 1:* (UID FLAGS) and UID SEARCH on a 100,000-message mailbox answer completely and
 * correctly (no timing is asserted), and a second SELECT, from the cached UID list advanced by the
 * journal, is exact too. The mailbox is filled by copying a 1,000-message seed mailbox.
 */
class LargeMailboxTest {

    private static final int SEED = 1_000;
    private static final int COPIES = 100;

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    @Test
    void hundredThousandMessages() throws Exception {
        long start = System.nanoTime();
        TestUser user = gannet.createUser();
        var store = gannet.store();
        var seed = store.mailboxes().create(user.id(), MailboxName.of("seed")).block();
        for (int i = 1; i <= SEED; i++) {
            byte[] mail = ("Subject: seed " + i + "\r\nFrom: a@example.org\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
            store.messages().append(new AppendRequest(user.id(), seed.id(), MessageSource.of(mail), null, null,
                    AppendRequest.Origin.INTERNAL)).block();
        }
        store.messages().updateFlags(seed.id(), UidSet.range(1, 10), FlagUpdate.add(Flags.of(Flag.FLAGGED))).block();
        var big = store.mailboxes().create(user.id(), MailboxName.of("big")).block();
        for (int i = 0; i < COPIES; i++) {
            store.messages().copy(seed.id(), UidSet.ALL, big.id()).block();
        }
        int total = SEED * COPIES;
        System.out.printf("100k: filled in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        try (ImapTestClient c = ImapTestClient.connect(gannet.port("imap"))) {
            c.readLine();
            c.timeout(600_000);
            long t0 = System.nanoTime();
            c.command("a", "LOGIN " + user.username() + " " + user.password());
            assertThat(c.command("b", "SELECT big")).contains("* " + total + " EXISTS");
            long t1 = System.nanoTime();
            c.send("f FETCH 1:* (UID FLAGS)");
            int lines = 0;
            String line;
            while (!(line = c.readLine()).startsWith("f ")) {
                lines++;
                assertThat(line).startsWith("* " + lines + " FETCH (UID " + lines + " FLAGS (");
            }
            assertThat(line).isEqualTo("f OK Fetch completed");
            assertThat(lines).isEqualTo(total);
            long t2 = System.nanoTime();
            var search = c.command("s", "UID SEARCH FLAGGED");
            assertThat(search.get(0).split(" ")).hasSize(2 + 10 * COPIES);
            assertThat(search.get(1)).isEqualTo("s OK UID SEARCH completed");
            var all = c.command("t", "UID SEARCH 99990:*");
            System.out.printf("100k: select %d ms, fetch %d ms, searches %d ms%n", (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
            assertThat(all.get(0)).isEqualTo("* SEARCH 99990 99991 99992 99993 99994 99995 99996 99997 99998 99999 100000");
            c.command("x", "UID STORE 5 +FLAGS (\\Deleted)");
            c.command("y", "UID EXPUNGE 5");
            long t3 = System.nanoTime();
            assertThat(c.command("z", "SELECT big")).as("second SELECT, from the cached UID list")
                    .contains("* " + (total - 1) + " EXISTS");
            System.out.printf("100k: cached select %d ms%n", (System.nanoTime() - t3) / 1_000_000);
            assertThat(c.command("w", "FETCH 5 UID")).contains("* 5 FETCH (UID 6)");
        }
    }

    /**
     * The journal is read a page (1,000 entries) at a time. More changes than that since a session's view
     * or since the cached UID list must all be seen: a selected session's NOOP and a fresh SELECT report
     * every message (the first page alone once made a SELECT report a stale count).
     */
    @Test
    void moreChangesThanOneJournalPage() throws Exception {
        TestUser user = gannet.createUser();
        var store = gannet.store();
        var box = store.mailboxes().create(user.id(), MailboxName.of("pages")).block();
        try (ImapTestClient watcher = ImapTestClient.connect(gannet.port("imap"))) {
            watcher.readLine();
            watcher.command("a", "LOGIN " + user.username() + " " + user.password());
            assertThat(watcher.command("b", "SELECT pages")).contains("* 0 EXISTS");
            int appended = 2_500;
            for (int i = 1; i <= appended; i++) {
                byte[] mail = ("Subject: page " + i + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
                store.messages().append(new AppendRequest(user.id(), box.id(), MessageSource.of(mail), null, null,
                        AppendRequest.Origin.INTERNAL)).block();
            }
            assertThat(watcher.command("c", "NOOP")).contains("* " + appended + " EXISTS");
            try (ImapTestClient fresh = ImapTestClient.connect(gannet.port("imap"))) {
                fresh.readLine();
                fresh.command("a", "LOGIN " + user.username() + " " + user.password());
                assertThat(fresh.command("b", "SELECT pages")).as("SELECT from the UID list cached at 0 messages")
                        .contains("* " + appended + " EXISTS");
            }
            UidListCache.Entry cached = UidListCache.get(gannet.context().coordination().cache(), box.id()).block();
            assertThat(cached.modseq()).as("the cache advanced to what that SELECT caught up to")
                    .isEqualTo(store.mailboxes().byId(box.id()).block().highestModseq().value());
            assertThat(cached.uids()).hasSize(appended);
        }
    }
}
