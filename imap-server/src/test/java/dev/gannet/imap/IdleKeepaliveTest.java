package dev.gannet.imap;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IDLE keep-alives (RFC 2177 §3) and autologout (RFC 3501 §5.4): an idling client gets untagged OKs, yet
 * is still logged out when it sends nothing for {@code imap.autologout}, because keep-alives are not input.
 */
class IdleKeepaliveTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap")
            .set(Settings.IMAP_IDLE_KEEPALIVE, Duration.ofMillis(200))
            .set(Settings.IMAP_AUTOLOGOUT, Duration.ofSeconds(2)).build();

    @Test
    void idleGetsKeepalivesThenAutologout() throws Exception {
        TestUser user = gannet.createUser();
        try (ImapTestClient c = ImapTestClient.connect(gannet.port("imap"))) {
            c.readLine();
            c.command("a", "LOGIN " + user.username() + " " + user.password());
            c.command("b", "SELECT INBOX");
            c.send("c IDLE");
            assertThat(c.readLine()).isEqualTo("+ idling");
            assertThat(c.readLine()).isEqualTo("* OK Still here");
            String line;
            do {
                line = c.readLine();
            } while (line != null && line.equals("* OK Still here"));
            assertThat(line).isEqualTo("* BYE Autologout; idle for too long");
            assertThat(c.readLine()).isNull();
        }
    }
}
