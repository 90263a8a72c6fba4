package dev.gannet.pop3;

import dev.gannet.core.testing.TrustAll;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import dev.gannet.pop3.protocol.Pop3LineDecoder;
import dev.gannet.pop3.session.Pop3Handler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.net.ssl.SSLSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.gannet.pop3.Pop3Fixture.deliver;
import static org.assertj.core.api.Assertions.assertThat;

/** STLS (RFC 2595 §4), implicit TLS, and the plaintext-login policy for non-loopback clients. */
class Pop3TlsTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("pop3")
            .set(Settings.POP3_AUTH_FAILURE_DELAY, Duration.ZERO).build();

    @Test
    void stlsUpgradesAndDropsWhatWasPipelinedAfterIt() throws Exception {
        TestUser user = gannet.createUser();
        deliver(gannet, user, "Subject: tls\r\n\r\nsecret body\r\n".getBytes(StandardCharsets.US_ASCII));
        Socket raw = new Socket("127.0.0.1", gannet.port("pop3"));
        try (Pop3TestClient c = new Pop3TestClient(raw)) {
            c.readLine();
            c.sendRaw("STLS\r\nUSER injected\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(c.readLine()).isEqualTo("+OK begin TLS negotiation");
            SSLSocket tls = (SSLSocket) TrustAll.context().getSocketFactory().createSocket(raw, "127.0.0.1", raw.getPort(), true);
            tls.startHandshake();
            c.use(tls);
            assertThat(c.command("CAPA")).startsWith("+OK");
            assertThat(c.readLines()).contains("USER", "SASL PLAIN").doesNotContain("STLS");
            assertThat(c.command("PASS secret")).isEqualTo("-ERR USER first");
            assertThat(c.command("STLS")).isEqualTo("-ERR already using TLS");
            assertThat(c.command("USER " + user.username())).startsWith("+OK");
            assertThat(c.command("PASS secret")).startsWith("+OK maildrop has 1");
            assertThat(c.command("RETR 1")).startsWith("+OK");
            assertThat(new String(c.readBody(), StandardCharsets.US_ASCII)).contains("secret body");
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
    }

    @Test
    void implicitTlsPort() throws Exception {
        TestUser user = gannet.createUser();
        try (Pop3TestClient c = new Pop3TestClient(TrustAll.context().getSocketFactory()
                .createSocket("127.0.0.1", gannet.port("pop3s")))) {
            assertThat(c.readLine()).startsWith("+OK");
            assertThat(c.command("CAPA")).startsWith("+OK");
            assertThat(c.readLines()).doesNotContain("STLS");
            assertThat(c.command("STLS")).isEqualTo("-ERR already using TLS");
            assertThat(c.command("USER " + user.username())).startsWith("+OK");
            assertThat(c.command("PASS secret")).startsWith("+OK");
            assertThat(c.command("QUIT")).startsWith("+OK");
        }
    }

    private static String exchange(EmbeddedChannel ch, String line) {
        ch.writeInbound(Unpooled.copiedBuffer(line + "\r\n", StandardCharsets.UTF_8));
        ch.runPendingTasks();
        return readOut(ch);
    }

    private static String readOut(EmbeddedChannel ch) {
        StringBuilder sb = new StringBuilder();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            sb.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return sb.toString();
    }

    private static EmbeddedChannel nonLoopbackSession(boolean allowPlaintext) {
        var config = Pop3Config.from(gannet.context().config().with(Settings.POP3_ALLOW_PLAINTEXT_AUTH, allowPlaintext));
        return new EmbeddedChannel(new Pop3LineDecoder(config.maxLineLength()), new Pop3Handler(gannet.context(), config));
    }

    @Test
    void plaintextLoginIsRefusedBeforeTlsOnANonLoopbackConnection() {
        EmbeddedChannel ch = nonLoopbackSession(false);
        assertThat(readOut(ch)).startsWith("+OK");
        String capa = exchange(ch, "CAPA");
        assertThat(capa).contains("STLS\r\n").doesNotContain("USER\r\n").doesNotContain("SASL");
        assertThat(exchange(ch, "USER bob")).startsWith("-ERR [AUTH] plaintext authentication disallowed");
        assertThat(exchange(ch, "PASS x")).startsWith("-ERR [AUTH]");
        assertThat(exchange(ch, "AUTH PLAIN AGJvYgB4")).startsWith("-ERR [AUTH]");
        assertThat(exchange(ch, "AUTH")).startsWith("+OK");
        ch.finishAndReleaseAll();
    }

    @Test
    void plaintextLoginCanBeAllowedByConfiguration() {
        EmbeddedChannel ch = nonLoopbackSession(true);
        readOut(ch);
        assertThat(exchange(ch, "CAPA")).contains("USER\r\n", "SASL PLAIN\r\n", "STLS\r\n");
        assertThat(exchange(ch, "USER bob")).startsWith("+OK");
        ch.finishAndReleaseAll();
    }
}
