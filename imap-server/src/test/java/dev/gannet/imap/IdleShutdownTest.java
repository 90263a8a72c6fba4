package dev.gannet.imap;

import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A graceful stop waits for commands in flight, but not for a client that merely idles (RFC 2177): it gets
 * the goodbye at once. The grace time is far longer than the timeout guard, so a stop that waited for the
 * idling client would fail the test.
 */
class IdleShutdownTest {

    @RegisterExtension
    final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void idlingClientGetsByeWithoutHoldingUpShutdown() throws Exception {
        TestUser user = gannet.createUser();
        try (ImapTestClient c = ImapTestClient.connect(gannet.port("imap"))) {
            c.readLine();
            c.command("a", "LOGIN " + user.username() + " " + user.password());
            c.command("b", "SELECT INBOX");
            c.send("c IDLE");
            assertThat(c.readLine()).isEqualTo("+ idling");
            gannet.node().close(Duration.ofMinutes(10));
            assertThat(c.readLine()).isEqualTo("* BYE Server shutting down");
            assertThat(c.readLine()).isNull();
        }
    }
}
