package dev.gannet.managesieve.session;

import dev.gannet.core.config.Settings;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.node.NodeContext;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.SieveStore;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestSecrets;
import dev.gannet.core.testing.TestUser;
import dev.gannet.delivery.scriptcheck.ScriptChecker;
import dev.gannet.managesieve.ManageSieveConfig;
import dev.gannet.managesieve.SieveTestClient;
import dev.gannet.managesieve.protocol.SieveDecoder;
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
import java.util.List;
import java.util.regex.Pattern;

import static dev.gannet.managesieve.SieveTestClient.plain;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What depends on where the client is and what the engine and store say: PLAIN refused on a non-loopback
 * connection without TLS, scripts with errors refused, an unreachable store answered TRYLATER, and repeated
 * failures throttled. The channel tests run the real handler on an EmbeddedChannel, whose peer is not loopback.
 */
class SessionPolicyTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("managesieve")
            .set(Settings.MANAGESIEVE_AUTH_FAILURE_DELAY, Duration.ZERO)
            .set(Settings.MANAGESIEVE_AUTH_FAILURE_LIMIT, 2).build();

    private static final Pattern DONE = Pattern.compile("(?s)(.*\r\n)?(OK|NO|BYE)[^\r\n{]*\r\n");
    private static final Pattern LITERAL_NO = Pattern.compile("(?s)NO \\{(\\d+)}\r\n(.*)\r\n");

    private static boolean done(CharSequence sb) {
        java.util.regex.Matcher m = LITERAL_NO.matcher(sb);
        if (m.matches()) {
            return m.group(2).getBytes(StandardCharsets.UTF_8).length == Integer.parseInt(m.group(1));
        }
        return DONE.matcher(sb).matches();
    }

    private static final ScriptChecker STRICT = new ScriptChecker() {
        @Override
        public List<String> errors(String source) {
            return source.contains("bad") ? List.of("line 1: unknown command \"bad\"", "line 2: missing ;") : List.of();
        }

        @Override
        public List<String> extensions() {
            return List.of("fileinto");
        }

        @Override
        public int maxRedirects() {
            return 2;
        }
    };

    private static EmbeddedChannel channel(MailStore store, boolean allowPlaintext) {
        NodeContext c = gannet.context();
        NodeContext context = new NodeContext(c.config(), c.hostname(), store, c.coordination(), c.tls(), c.metrics(),
                c.network(), c.health());
        ManageSieveConfig config = ManageSieveConfig.from(c.config().with(Settings.MANAGESIEVE_ALLOW_PLAINTEXT_AUTH, allowPlaintext));
        return new EmbeddedChannel(new SieveDecoder(config.maxLineLength(), config.maxScriptSize()),
                new SieveHandler(context, config, STRICT));
    }

    /** Sends a line (null: none) and waits for the whole response, which may come from the store's threads. */
    private static String exchange(EmbeddedChannel ch, String line) throws InterruptedException {
        if (line != null) {
            ch.writeInbound(Unpooled.copiedBuffer(line + "\r\n", StandardCharsets.UTF_8));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 2000 && !done(sb); i++) {
            ch.runPendingTasks();
            ByteBuf b;
            while ((b = ch.readOutbound()) != null) {
                sb.append(b.toString(StandardCharsets.UTF_8));
                b.release();
            }
            if (!done(sb)) {
                Thread.sleep(5);
            }
        }
        return sb.toString();
    }

    /** The real store, except that the sieve scripts are unreachable. */
    private static MailStore sieveDown() {
        MailStore real = gannet.store();
        SieveStore down = (SieveStore) Proxy.newProxyInstance(SieveStore.class.getClassLoader(),
                new Class<?>[] {SieveStore.class}, (proxy, m, args) -> {
                    GannetException e = GannetException.unavailable("database unreachable", null);
                    return m.getReturnType() == Flux.class ? Flux.error(e) : Mono.error(e);
                });
        return (MailStore) Proxy.newProxyInstance(MailStore.class.getClassLoader(), new Class<?>[] {MailStore.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("sieve")) {
                        return down;
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void plainIsNeitherOfferedNorAcceptedWithoutTlsFromElsewhere() throws Exception {
        TestUser u = gannet.createUser();
        EmbeddedChannel ch = channel(gannet.store(), false);
        String greeting = exchange(ch, null);
        assertThat(greeting).contains("\"SASL\" \"\"\r\n", "\"STARTTLS\"\r\n", "\"SIEVE\" \"fileinto\"\r\n", "\"MAXREDIRECTS\" \"2\"");
        assertThat(exchange(ch, "AUTHENTICATE \"PLAIN\" \"" + plain(u.username(), u.password()) + "\""))
                .isEqualTo("NO (ENCRYPT-NEEDED) \"use STARTTLS first\"\r\n");
        ch.finishAndReleaseAll();
    }

    @Test
    void scriptsWithErrorsAreRefusedWithTheParsersMessages() throws Exception {
        TestUser u = gannet.createUser();
        EmbeddedChannel ch = channel(gannet.store(), true);
        assertThat(exchange(ch, null)).contains("\"SASL\" \"PLAIN\"");
        assertThat(exchange(ch, "AUTHENTICATE \"PLAIN\" \"" + plain(u.username(), u.password()) + "\"")).startsWith("OK");
        String errors = "line 1: unknown command \"bad\"\r\nline 2: missing ;";
        String expected = "NO {" + errors.length() + "}\r\n" + errors + "\r\n";
        assertThat(exchange(ch, "PUTSCRIPT \"s\" \"bad\"")).isEqualTo(expected);
        assertThat(exchange(ch, "CHECKSCRIPT \"bad\"")).isEqualTo(expected);
        assertThat(exchange(ch, "CHECKSCRIPT \"keep;\"")).startsWith("OK");
        assertThat(gannet.store().sieve().list(u.id()).collectList().block()).isEmpty();
        ch.finishAndReleaseAll();
    }

    @Test
    void anUnreachableStoreIsTryLater() throws Exception {
        TestUser u = gannet.createUser();
        EmbeddedChannel ch = channel(sieveDown(), true);
        exchange(ch, null);
        assertThat(exchange(ch, "AUTHENTICATE \"PLAIN\" \"" + plain(u.username(), u.password()) + "\"")).startsWith("OK");
        assertThat(exchange(ch, "LISTSCRIPTS")).isEqualTo("NO (TRYLATER) \"storage is unavailable, try again later\"\r\n");
        assertThat(exchange(ch, "PUTSCRIPT \"a\" \"keep;\"")).startsWith("NO (TRYLATER)");
        ch.finishAndReleaseAll();
    }

    @Test
    void repeatedFailuresAreThrottledEvenForTheRightPassword() throws Exception {
        TestUser u = gannet.createUser();
        String wrong = TestSecrets.register("guessed-wrong");
        try (SieveTestClient c = SieveTestClient.connect(gannet.port("managesieve"))) {
            c.response();
            assertThat(c.login(u.username(), wrong)).isEqualTo("NO \"authentication failed\"");
            assertThat(c.login(u.username(), wrong)).isEqualTo("NO \"authentication failed\"");
            assertThat(c.login(u.username(), u.password())).isEqualTo("NO \"too many failed logins, try again later\"");
        }
    }
}
