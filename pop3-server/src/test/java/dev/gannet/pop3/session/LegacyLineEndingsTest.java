package dev.gannet.pop3.session;

import dev.gannet.core.config.Settings;
import dev.gannet.core.net.ProtocolServer;
import dev.gannet.core.node.NodeContext;
import dev.gannet.core.store.Content;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.MessageStore;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import dev.gannet.pop3.Pop3Config;
import dev.gannet.pop3.Pop3Fixture;
import dev.gannet.pop3.Pop3TestClient;
import dev.gannet.pop3.protocol.Pop3LineDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message an older Gannet stored with bare LFs (ingest makes them CRLF now, so the test serves such bytes
 * through a store that answers {@code raw} with them): RETR and TOP send it in CRLF lines over a real socket,
 * dot-stuffed after every line break, and the response never ends in LF "." CRLF (RFC 1939 §3).
 */
class LegacyLineEndingsTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("pop3")
            .set(Settings.POP3_AUTH_FAILURE_DELAY, Duration.ZERO).build();

    private static final String LEGACY = "Subject: old\nX-Mixed: yes\r\n\n.dot line\nbare\rcr\n..\nlast";

    /** The real store, except that every message's bytes are {@code legacy}. */
    private static MailStore servingLegacyBytes(byte[] legacy) {
        MailStore real = gannet.store();
        MessageStore messages = (MessageStore) Proxy.newProxyInstance(MessageStore.class.getClassLoader(),
                new Class<?>[] {MessageStore.class}, (proxy, m, args) -> {
                    if (m.getName().equals("raw")) {
                        return Mono.just(new Content(legacy.length, Flux.just(ByteBuffer.wrap(legacy, 0, 7),
                                ByteBuffer.wrap(legacy, 7, legacy.length - 7))));
                    }
                    try {
                        return m.invoke(real.messages(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (MailStore) Proxy.newProxyInstance(MailStore.class.getClassLoader(), new Class<?>[] {MailStore.class},
                (proxy, m, args) -> {
                    try {
                        return m.getName().equals("messages") ? messages : m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void retrAndTopSendABareLfMessageInCrlfLines() throws Exception {
        TestUser user = gannet.createUser();
        byte[] legacy = LEGACY.getBytes(StandardCharsets.US_ASCII);
        // a stored message of the same length, so that the maildrop's sizes match the bytes served
        Pop3Fixture.deliver(gannet, user, ("Subject: x\r\n\r\n" + "y".repeat(legacy.length - 16) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        NodeContext c = gannet.context();
        NodeContext context = new NodeContext(c.config(), c.hostname(), servingLegacyBytes(legacy), c.coordination(),
                c.tls(), c.metrics(), c.network(), c.health());
        Pop3Config config = Pop3Config.from(c.config().with(Settings.POP3_ALLOW_PLAINTEXT_AUTH, true));
        ProtocolServer server = ProtocolServer.bind(context, new ProtocolServer.Options("pop3-legacy", "127.0.0.1", 0,
                false, 10, "-ERR busy\r\n", "-ERR bye\r\n"), ch -> ch.pipeline()
                .addLast("lines", new Pop3LineDecoder(config.maxLineLength()))
                .addLast("pop3", new Pop3Handler(context, config)));
        try (Pop3TestClient client = Pop3TestClient.connect(server.listener().address().getPort())) {
            assertThat(client.login(user.username(), user.password())).startsWith("+OK maildrop has 1");
            assertThat(client.command("RETR 1")).startsWith("+OK");
            String wire = new String(client.readStuffedBody(), StandardCharsets.US_ASCII);
            assertThat(wire).isEqualTo("Subject: old\r\nX-Mixed: yes\r\n\r\n..dot line\r\nbare\rcr\r\n...\r\nlast\r\n");
            assertThat(client.command("TOP 1 1")).startsWith("+OK");
            assertThat(new String(client.readStuffedBody(), StandardCharsets.US_ASCII))
                    .isEqualTo("Subject: old\r\nX-Mixed: yes\r\n\r\n..dot line\r\n");
            assertThat(client.command("NOOP")).as("the responses ended where they should").startsWith("+OK");
        } finally {
            server.close(Duration.ofSeconds(1));
        }
    }
}
