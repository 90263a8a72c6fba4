package dev.gannet.pop3.session;

import dev.gannet.core.config.Settings;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.node.NodeContext;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.MessageStore;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import dev.gannet.pop3.Pop3Config;
import dev.gannet.pop3.Pop3Fixture;
import dev.gannet.pop3.Pop3TestClient;
import dev.gannet.pop3.protocol.Pop3LineDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A store that fails answers {@code -ERR [SYS/TEMP]}, and a failed login leaves the maildrop unlocked. */
class StoreFailureTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("pop3")
            .set(Settings.POP3_AUTH_FAILURE_DELAY, Duration.ZERO).build();

    /** The real store, except that the named MessageStore methods fail as an unreachable database does. */
    private static MailStore failing(Set<String> methods) {
        MailStore real = gannet.store();
        MessageStore messages = (MessageStore) Proxy.newProxyInstance(MessageStore.class.getClassLoader(),
                new Class<?>[] {MessageStore.class}, (proxy, m, args) -> {
                    if (methods.contains(m.getName())) {
                        GannetException down = GannetException.unavailable("database unreachable", null);
                        return m.getReturnType() == Flux.class ? Flux.error(down) : Mono.error(down);
                    }
                    try {
                        return m.invoke(real.messages(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (MailStore) Proxy.newProxyInstance(MailStore.class.getClassLoader(), new Class<?>[] {MailStore.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("messages")) {
                        return messages;
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static EmbeddedChannel session(MailStore store) {
        NodeContext c = gannet.context();
        NodeContext context = new NodeContext(c.config(), c.hostname(), store, c.coordination(), c.tls(), c.metrics(),
                c.network(), c.health());
        Pop3Config config = Pop3Config.from(c.config().with(Settings.POP3_ALLOW_PLAINTEXT_AUTH, true));
        return new EmbeddedChannel(new Pop3LineDecoder(config.maxLineLength()), new Pop3Handler(context, config));
    }

    /** Sends a line and waits for the answer, which arrives from the store's threads. */
    private static String exchange(EmbeddedChannel ch, String line) throws InterruptedException {
        ch.writeInbound(Unpooled.copiedBuffer(line + "\r\n", StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 2000 && !sb.toString().endsWith("\r\n"); i++) {
            ch.runPendingTasks();
            ByteBuf b;
            while ((b = ch.readOutbound()) != null) {
                sb.append(b.toString(StandardCharsets.UTF_8));
                b.release();
            }
            if (sb.length() == 0) {
                Thread.sleep(5);
            }
        }
        return sb.toString();
    }

    @Test
    void loginWithTheStoreDownIsATemporaryFailureAndFreesTheLock() throws Exception {
        TestUser user = gannet.createUser();
        EmbeddedChannel ch = session(failing(Set.of("uids", "listKnown")));
        exchange(ch, "NOOP");
        assertThat(exchange(ch, "USER " + user.username())).startsWith("+OK");
        assertThat(exchange(ch, "PASS secret")).isEqualTo("-ERR [SYS/TEMP] temporary failure, try again later\r\n");
        try (Pop3TestClient c = Pop3TestClient.connect(gannet.port("pop3"))) {
            assertThat(c.login(user.username(), "secret")).startsWith("+OK");
        }
        ch.finishAndReleaseAll();
    }

    @Test
    void retrWithTheStoreDownIsATemporaryFailure() throws Exception {
        TestUser user = gannet.createUser();
        Pop3Fixture.deliver(gannet, user, "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
        EmbeddedChannel ch = session(failing(Set.of("raw", "updateFlags", "expunge")));
        exchange(ch, "NOOP");
        exchange(ch, "USER " + user.username());
        assertThat(exchange(ch, "PASS secret")).startsWith("+OK maildrop has 1");
        assertThat(exchange(ch, "RETR 1")).isEqualTo("-ERR [SYS/TEMP] temporary failure, try again later\r\n");
        assertThat(exchange(ch, "DELE 1")).startsWith("+OK");
        assertThat(exchange(ch, "QUIT")).isEqualTo("-ERR [SYS/TEMP] some deleted messages not removed\r\n");
        assertThat(Pop3Fixture.inbox(gannet, user)).hasSize(1);
        ch.finishAndReleaseAll();
    }
}
