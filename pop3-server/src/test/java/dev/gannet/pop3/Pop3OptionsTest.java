package dev.gannet.pop3;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.gannet.pop3.Pop3Fixture.deliver;
import static org.assertj.core.api.Assertions.assertThat;

/** The configurable behaviours: newest-N listing, DELE to Trash, no seen marking, failed-login limit. */
class Pop3OptionsTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("pop3")
            .set(Settings.POP3_AUTH_FAILURE_DELAY, Duration.ZERO)
            .set(Settings.POP3_AUTH_FAILURE_LIMIT, 3)
            .set(Settings.POP3_MAX_MESSAGES, 3)
            .set(Settings.POP3_DELETE_ACTION, "trash")
            .set(Settings.POP3_MARK_SEEN, false).build();

    private static byte[] message(int i) {
        return ("Subject: " + i + "\r\n\r\nbody " + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void onlyTheNewestAreListedAndDeletedOnesMoveToTrash() throws Exception {
        TestUser user = gannet.createUser();
        for (int i = 1; i <= 5; i++) {
            deliver(gannet, user, message(i));
        }
        try (Pop3TestClient c = Pop3TestClient.connect(gannet.port("pop3"))) {
            assertThat(c.login(user.username(), "secret")).startsWith("+OK maildrop has 3 messages");
            assertThat(c.command("RETR 1")).startsWith("+OK");
            assertThat(new String(c.readBody(), StandardCharsets.US_ASCII)).startsWith("Subject: 3\r\n");
            assertThat(c.command("DELE 1")).startsWith("+OK");
            assertThat(c.command("RETR 2")).startsWith("+OK");
            c.readBody();
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
        assertThat(Pop3Fixture.inbox(gannet, user)).hasSize(4)
                .allSatisfy(m -> assertThat(m.flags().has(dev.gannet.core.store.Flag.SEEN)).isFalse());
        assertThat(Pop3Fixture.mailbox(gannet, user, "Trash")).hasSize(1);
    }

    @Test
    void tooManyFailuresRefuseEvenTheRightPasswordForAWhile() throws Exception {
        TestUser user = gannet.createUser();
        try (Pop3TestClient c = Pop3TestClient.connect(gannet.port("pop3"))) {
            c.readLine();
            for (int i = 0; i < 3; i++) {
                c.command("USER " + user.username());
                assertThat(c.command("PASS wrong")).isEqualTo("-ERR [AUTH] authentication failed");
            }
            c.command("USER " + user.username());
            assertThat(c.command("PASS secret")).isEqualTo("-ERR [AUTH] too many failed logins, try again later");
        }
        TestUser other = gannet.createUser();
        try (Pop3TestClient c = Pop3TestClient.connect(gannet.port("pop3"))) {
            assertThat(c.login(other.username(), "secret")).startsWith("+OK");
        }
    }
}
