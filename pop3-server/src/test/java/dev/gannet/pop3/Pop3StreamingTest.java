package dev.gannet.pop3;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.GeneratedMail;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large RETR to a client that does not read for a while: the server must pause on an unwritable channel
 * and resume when the client drains it, delivering every byte; and autologout (RFC 1939 §3) of an idle
 * session, which removes nothing.
 */
class Pop3StreamingTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("pop3")
            .set(Settings.POP3_IDLE_TIMEOUT, Duration.ofMillis(1500)).build();

    @Test
    void aSlowReaderGetsAWholeLargeMessage() throws Exception {
        TestUser user = gannet.createUser();
        byte[] big = GeneratedMail.withAttachment("big", "base64",
                GeneratedMail.base64(GeneratedMail.random(9, 6_000_000), 76, "\r\n", true)
                        .replace("\r\nA", "\r\n.A").getBytes(StandardCharsets.US_ASCII), "\r\n");
        Pop3Fixture.deliver(gannet, user, big);
        java.net.Socket small = new java.net.Socket();
        small.setReceiveBufferSize(8 * 1024);
        small.connect(new java.net.InetSocketAddress("127.0.0.1", gannet.port("pop3")));
        try (Pop3TestClient c = new Pop3TestClient(small)) {
            c.login(user.username(), "secret");
            c.send("RETR 1");
            c.send("NOOP");
            Thread.sleep(2500);
            assertThat(c.readLine()).isEqualTo("+OK " + big.length + " octets");
            Pop3Fixture.assertSameBytes(c.readBody(), Pop3Fixture.retrieved(big), "large RETR");
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
    }

    @Test
    void idleSessionsAreLoggedOutWithoutUpdate() throws Exception {
        TestUser user = gannet.createUser();
        Pop3Fixture.deliver(gannet, user, "Subject: idle\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
        try (Pop3TestClient c = Pop3TestClient.connect(gannet.port("pop3"))) {
            c.login(user.username(), "secret");
            assertThat(c.command("DELE 1")).startsWith("+OK");
            assertThat(c.readLine()).isEqualTo("-ERR autologout; idle for too long");
            assertThat(c.readLine()).isNull();
        }
        assertThat(Pop3Fixture.inbox(gannet, user)).hasSize(1);
    }
}
