package dev.gannet.pop3;

import dev.gannet.core.config.Settings;
import dev.gannet.core.coord.Lease;
import dev.gannet.core.store.Flag;
import dev.gannet.core.store.JournalEntry;
import dev.gannet.core.store.JournalPage;
import dev.gannet.core.store.MessageMeta;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.gannet.pop3.Pop3Fixture.deliver;
import static org.assertj.core.api.Assertions.assertThat;

/** The maildrop across sessions (RFC 1939 §6, §8): UPDATE only on QUIT, exclusive access, stable UIDL. */
class Pop3MaildropTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("pop3")
            .set(Settings.POP3_AUTH_FAILURE_DELAY, Duration.ofMillis(20))
            .set(Settings.POP3_LOCK_LEASE, Duration.ofMillis(600)).build();

    private static Pop3TestClient client() throws Exception {
        return Pop3TestClient.connect(gannet.port("pop3"));
    }

    private static byte[] message(String subject) {
        return ("Subject: " + subject + "\r\n\r\nbody of " + subject + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void quitExpungesDeletedAndMarksRetrievedSeen() throws Exception {
        TestUser user = gannet.createUser();
        for (int i = 1; i <= 4; i++) {
            deliver(gannet, user, message("m" + i));
        }
        var inbox = gannet.mailbox(user, "INBOX");
        try (Pop3TestClient c = client()) {
            c.login(user.username(), "secret");
            assertThat(c.command("RETR 1")).startsWith("+OK");
            c.readBody();
            assertThat(c.command("RETR 2")).startsWith("+OK");
            c.readBody();
            assertThat(c.command("TOP 3 0")).startsWith("+OK");
            c.readBody();
            assertThat(c.command("DELE 2")).startsWith("+OK");
            assertThat(c.command("DELE 4")).startsWith("+OK");
            assertThat(c.command("QUIT")).startsWith("+OK");
            assertThat(c.readLine()).isNull();
        }
        List<MessageMeta> left = Pop3Fixture.inbox(gannet, user);
        assertThat(left).hasSize(2);
        assertThat(left.get(0).flags().has(Flag.SEEN)).isTrue();
        assertThat(left.get(1).flags().has(Flag.SEEN)).as("TOP does not mark seen").isFalse();
        JournalPage changes = gannet.store().journal().changesSince(inbox.id(), inbox.highestModseq()).block();
        assertThat(changes.entries()).as("what IMAP sessions on INBOX are told")
                .extracting(JournalEntry::kind).containsExactly(JournalEntry.Kind.FLAGS, JournalEntry.Kind.EXPUNGED);
        assertThat(changes.entries().get(1).uids()).hasSize(2);
        try (Pop3TestClient c = client()) {
            assertThat(c.login(user.username(), "secret")).startsWith("+OK maildrop has 2 messages");
        }
    }

    @Test
    void droppedConnectionRemovesNothingAndFreesTheLock() throws Exception {
        TestUser user = gannet.createUser();
        deliver(gannet, user, message("a"));
        deliver(gannet, user, message("b"));
        try (Pop3TestClient c = client()) {
            c.login(user.username(), "secret");
            assertThat(c.command("RETR 1")).startsWith("+OK");
            c.readBody();
            assertThat(c.command("DELE 1")).startsWith("+OK");
            assertThat(c.command("DELE 2")).startsWith("+OK");
        }
        try (Pop3TestClient c = loginWhenFree(user)) {
            assertThat(c.command("STAT")).startsWith("+OK 2 ");
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
        assertThat(Pop3Fixture.inbox(gannet, user)).hasSize(2)
                .allSatisfy(m -> assertThat(m.flags().has(Flag.SEEN)).isFalse());
    }

    /** The first session's lock is released when its socket closes; the server notices a moment later. */
    private static Pop3TestClient loginWhenFree(TestUser user) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            Pop3TestClient c = client();
            String reply = c.login(user.username(), "secret");
            if (reply.startsWith("+OK")) {
                return c;
            }
            assertThat(reply).startsWith("-ERR [IN-USE]");
            c.close();
            Thread.sleep(50);
        }
        throw new AssertionError("maildrop stayed locked");
    }

    @Test
    void secondSessionGetsInUseUntilTheFirstQuits() throws Exception {
        TestUser user = gannet.createUser();
        deliver(gannet, user, message("x"));
        try (Pop3TestClient first = client(); Pop3TestClient second = client()) {
            assertThat(first.login(user.username(), "secret")).startsWith("+OK");
            Thread.sleep(1500);
            assertThat(second.login(user.username(), "secret")).startsWith("-ERR [IN-USE]");
            assertThat(second.command("STAT")).isEqualTo("-ERR command not valid in this state");
            assertThat(first.command("STAT")).startsWith("+OK 1 ");
            assertThat(first.command("QUIT")).startsWith("+OK");
            assertThat(second.command("USER " + user.username())).startsWith("+OK");
            assertThat(second.command("PASS secret")).startsWith("+OK maildrop has 1");
        }
    }

    @Test
    void aLockLeftByADeadNodeExpires() throws Exception {
        TestUser user = gannet.createUser();
        String name = "pop3/maildrop/" + gannet.mailbox(user, "INBOX").id().value();
        Optional<Lease> held = gannet.context().coordination().locks()
                .tryAcquire(name, "dead-node/session", Duration.ofMillis(500)).block();
        assertThat(held).isPresent();
        try (Pop3TestClient c = client()) {
            assertThat(c.login(user.username(), "secret")).startsWith("-ERR [IN-USE]");
        }
        try (Pop3TestClient c = loginWhenFree(user)) {
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
    }

    @Test
    void uidlIsStableAcrossSessionsAndNumbersAreFixedWithinOne() throws Exception {
        TestUser user = gannet.createUser();
        deliver(gannet, user, message("1"));
        deliver(gannet, user, message("2"));
        deliver(gannet, user, message("3"));
        List<String> before;
        try (Pop3TestClient c = client()) {
            c.login(user.username(), "secret");
            c.command("UIDL");
            before = c.readLines();
            deliver(gannet, user, message("4"));
            assertThat(c.command("STAT")).startsWith("+OK 3 ");
            assertThat(c.command("DELE 1")).startsWith("+OK");
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
        try (Pop3TestClient c = client()) {
            c.login(user.username(), "secret");
            c.command("UIDL");
            List<String> after = c.readLines();
            assertThat(after).hasSize(3);
            assertThat(after.get(0).split(" ")[1]).isEqualTo(before.get(1).split(" ")[1]);
            assertThat(after.get(1).split(" ")[1]).isEqualTo(before.get(2).split(" ")[1]);
            assertThat(before.stream().map(l -> l.split(" ")[1])).doesNotContain(after.get(2).split(" ")[1]);
            c.command("QUIT");
        }
    }
}
