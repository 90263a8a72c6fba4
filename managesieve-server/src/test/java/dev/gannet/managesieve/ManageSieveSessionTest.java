package dev.gannet.managesieve;

import dev.gannet.core.config.Settings;
import dev.gannet.core.store.AuthEvent;
import dev.gannet.core.store.SieveStore;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestSecrets;
import dev.gannet.core.testing.TestUser;
import dev.gannet.core.testing.TrustAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.net.ssl.SSLSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static dev.gannet.managesieve.SieveTestClient.literal;
import static dev.gannet.managesieve.SieveTestClient.plain;
import static org.assertj.core.api.Assertions.assertThat;

/** Every RFC 5804 command over a real socket against a node on the embedded store. */
class ManageSieveSessionTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("managesieve")
            .set(Settings.MANAGESIEVE_AUTH_FAILURE_DELAY, Duration.ZERO)
            .set(Settings.MANAGESIEVE_MAX_SCRIPT_SIZE, 1000L)
            .set(Settings.MANAGESIEVE_MAX_LINE_LENGTH, 512).build();

    private static SieveTestClient connect() throws Exception {
        SieveTestClient c = SieveTestClient.connect(gannet.port("managesieve"));
        assertThat(c.response()).last().asString().startsWith("OK");
        return c;
    }

    private static List<SieveStore.Script> stored(TestUser u) {
        return gannet.store().sieve().list(u.id()).collectList().block(Duration.ofSeconds(10));
    }

    @Test
    void greetsWithCapabilities() throws Exception {
        try (SieveTestClient c = SieveTestClient.connect(gannet.port("managesieve"))) {
            List<String> greeting = c.response();
            assertThat(greeting).contains("\"IMPLEMENTATION\" \"Gannet\"", "\"SASL\" \"PLAIN\"", "\"STARTTLS\"",
                    "\"VERSION\" \"1.0\"", "\"MAXREDIRECTS\" \"4\"");
            assertThat(greeting).anyMatch(l -> l.startsWith("\"SIEVE\" \"") && l.contains("fileinto") && l.contains("vacation"));
            assertThat(greeting).noneMatch(l -> l.contains("NOTIFY") || l.contains("OWNER"));
            assertThat(greeting.get(greeting.size() - 1)).startsWith("OK");
        }
    }

    @Test
    void managesScriptsWithEveryCommand() throws Exception {
        TestUser u = gannet.createUser();
        String script = "require \"fileinto\";\r\nif header :contains \"subject\" \"x\" { fileinto \"X\"; }\r\n";
        try (SieveTestClient c = connect()) {
            assertThat(c.command("LISTSCRIPTS")).isEqualTo("NO \"authenticate first\"");
            assertThat(c.login(u.username(), u.password())).isEqualTo("OK \"logged in\"");
            c.send("CAPABILITY");
            assertThat(c.response()).contains("\"OWNER\" \"" + u.username() + "\"");
            assertThat(c.command("HAVESPACE \"rules\" 500")).startsWith("OK");
            assertThat(c.command("HAVESPACE \"rules\" 5000")).startsWith("NO (QUOTA/MAXSIZE)");
            assertThat(c.command("PUTSCRIPT \"rules\" " + literal(script))).isEqualTo("OK \"stored\"");
            assertThat(c.command("PUTSCRIPT \"second\" \"keep;\"")).isEqualTo("OK \"stored\"");
            assertThat(c.command("SETACTIVE \"rules\"")).startsWith("OK");
            c.send("LISTSCRIPTS");
            assertThat(c.response()).containsExactly("\"rules\" ACTIVE", "\"second\"", "OK \"listscripts completed\"");
            c.send("GETSCRIPT \"rules\"");
            assertThat(c.response()).containsExactly("\u0000" + script, "OK \"getscript completed\"");
            assertThat(c.command("DELETESCRIPT \"rules\"")).startsWith("NO (ACTIVE)");
            assertThat(c.command("RENAMESCRIPT \"second\" \"rules\"")).startsWith("NO (ALREADYEXISTS)");
            assertThat(c.command("RENAMESCRIPT \"nope\" \"x\"")).startsWith("NO (NONEXISTENT)");
            assertThat(c.command("GETSCRIPT \"nope\"")).startsWith("NO (NONEXISTENT)");
            assertThat(c.command("SETACTIVE \"nope\"")).startsWith("NO (NONEXISTENT)");
            assertThat(c.command("DELETESCRIPT \"nope\"")).startsWith("NO (NONEXISTENT)");
            assertThat(c.command("RENAMESCRIPT \"rules\" \"Règles\"")).isEqualTo("OK \"renamed\"");
            assertThat(gannet.store().sieve().active(u.id()).block().name()).isEqualTo("Règles");
            assertThat(c.command("SETACTIVE \"\"")).startsWith("OK");
            assertThat(c.command("DELETESCRIPT \"Règles\"")).isEqualTo("OK \"deleted\"");
            assertThat(c.command("CHECKSCRIPT " + literal("keep;"))).startsWith("OK");
            assertThat(c.command("CHECKSCRIPT " + literal("keep;\r\nfileinto \"X\";\r\n"))).startsWith("NO \"line 2: ");
            assertThat(c.command("PUTSCRIPT \"broken\" " + literal("if true {"))).startsWith("NO \"line 1: ");
            assertThat(c.command("NOOP \"sync-1\"")).isEqualTo("OK (TAG \"sync-1\") \"done\"");
            assertThat(c.command("NOOP")).isEqualTo("OK \"done\"");
            assertThat(stored(u)).extracting(SieveStore.Script::name).containsExactly("second");
            assertThat(c.command("UNAUTHENTICATE")).startsWith("OK");
            assertThat(c.command("LISTSCRIPTS")).isEqualTo("NO \"authenticate first\"");
            assertThat(c.command("LOGOUT")).startsWith("OK");
            assertThat(c.readLine()).isNull();
        }
    }

    @Test
    void refusesBadNamesAndOversizedScriptsWithoutLosingTheConnection() throws Exception {
        TestUser u = gannet.createUser();
        try (SieveTestClient c = connect()) {
            c.login(u.username(), u.password());
            assertThat(c.command("PUTSCRIPT \"\" \"keep;\"")).isEqualTo("NO \"a script name must not be empty\"");
            assertThat(c.command("PUTSCRIPT {3+}\r\na\u0001b \"keep;\"")).startsWith("NO \"a script name must not contain");
            assertThat(c.command("PUTSCRIPT \"e\u0301\" \"keep;\"")).isEqualTo("NO \"a script name must be in Unicode NFC\"");
            String big = "#".repeat(1500);
            assertThat(c.command("PUTSCRIPT \"big\" " + literal(big))).startsWith("NO (QUOTA/MAXSIZE)");
            assertThat(c.command("PUTSCRIPT \"big\" {1500}\r\n" + big)).startsWith("NO (QUOTA/MAXSIZE)");
            assertThat(c.command("BOGUS")).isEqualTo("NO \"unknown command\"");
            assertThat(c.command("GETSCRIPT")).isEqualTo("NO \"missing argument for GETSCRIPT\"");
            assertThat(c.command("AUTHENTICATE \"PLAIN\"")).isEqualTo("NO \"already authenticated\"");
            assertThat(stored(u)).isEmpty();
            c.send("NOOP \"" + "x".repeat(600) + "\"");
            assertThat(c.response()).containsExactly("BYE \"line too long\"");
            assertThat(c.readLine()).isNull();
        }
    }

    @Test
    void authenticatesWithAContinuationAndCanCancel() throws Exception {
        TestUser u = gannet.createUser();
        try (SieveTestClient c = connect()) {
            c.send("AUTHENTICATE \"PLAIN\"");
            assertThat(c.readLine()).isEqualTo("\"\"");
            c.send("\"*\"");
            assertThat(c.response()).containsExactly("NO \"authentication cancelled\"");
            c.send("Authenticate \"plain\"");
            assertThat(c.readLine()).isEqualTo("\"\"");
            c.send(literal(plain(u.username(), u.password())));
            assertThat(c.response()).containsExactly("OK \"logged in\"");
        }
    }

    @Test
    void wrongPasswordsAreRefusedAndLogged() throws Exception {
        TestUser u = gannet.createUser();
        try (SieveTestClient c = connect()) {
            assertThat(c.login(u.username(), TestSecrets.register("bad-guess-4711"))).isEqualTo("NO \"authentication failed\"");
            assertThat(c.command("AUTHENTICATE \"PLAIN\" \"bm90LWJhc2U2NA\"")).isEqualTo("NO \"malformed PLAIN response\"");
            assertThat(c.command("AUTHENTICATE \"DIGEST-MD5\"")).isEqualTo("NO \"unsupported authentication mechanism\"");
            assertThat(c.login(u.username(), u.password())).isEqualTo("OK \"logged in\"");
        }
        List<AuthEvent> events = gannet.store().authLog().page(u.id(), gannet.store().authLog().newest(u.id()).block(), 10)
                .collectList().block();
        assertThat(events).extracting(AuthEvent::protocol).containsOnly("managesieve");
        assertThat(events).extracting(AuthEvent::result).containsExactlyInAnyOrder(AuthEvent.SUCCESS, AuthEvent.FAIL);
    }

    @Test
    void applicationPasswordsNeedTheWildcardScope() throws Exception {
        TestUser u = gannet.createUser();
        String any = gannet.store().asps().create(u.id(), "sieve", List.of("*"), null).block().password();
        String imapOnly = gannet.store().asps().create(u.id(), "imap", List.of("imap"), null).block().password();
        TestSecrets.register(any);
        TestSecrets.register(imapOnly);
        try (SieveTestClient c = connect()) {
            assertThat(c.login(u.username(), imapOnly)).isEqualTo("NO \"authentication failed\"");
            assertThat(c.login(u.username(), any)).isEqualTo("OK \"logged in\"");
        }
    }

    @Test
    void aSecondFactorMeansAnApplicationPasswordOnly() throws Exception {
        TestUser u = gannet.createUser();
        String asp = TestSecrets.register(gannet.store().asps().create(u.id(), "sieve", List.of("*"), null).block().password());
        gannet.store().totp().setCustom(u.id(), true).block();
        try (SieveTestClient c = connect()) {
            assertThat(c.login(u.username(), u.password())).isEqualTo("NO \"authentication failed\"");
            assertThat(c.login(u.username(), asp)).isEqualTo("OK \"logged in\"");
        }
        List<AuthEvent> events = gannet.store().authLog().page(u.id(), gannet.store().authLog().newest(u.id()).block(), 10)
                .collectList().block();
        assertThat(events).extracting(AuthEvent::reason).contains("asp-required");
    }

    @Test
    void startTlsDropsPipelinedPlaintextAndReissuesCapabilities() throws Exception {
        TestUser u = gannet.createUser();
        Socket raw = new Socket("127.0.0.1", gannet.port("managesieve"));
        try (SieveTestClient c = new SieveTestClient(raw)) {
            c.response();
            c.sendRaw(("STARTTLS\r\nAUTHENTICATE \"PLAIN\" \"" + plain(u.username(), u.password()) + "\"\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(c.readLine()).isEqualTo("OK \"begin TLS negotiation now\"");
            SSLSocket tls = (SSLSocket) TrustAll.context().getSocketFactory().createSocket(raw, "127.0.0.1", raw.getPort(), true);
            tls.startHandshake();
            c.use(tls);
            List<String> caps = c.response();
            assertThat(caps).contains("\"SASL\" \"PLAIN\"").doesNotContain("\"STARTTLS\"");
            assertThat(caps.get(caps.size() - 1)).startsWith("OK");
            assertThat(c.command("STARTTLS")).isEqualTo("NO \"TLS is already active\"");
            assertThat(c.command("LISTSCRIPTS")).isEqualTo("NO \"authenticate first\"");
            assertThat(c.login(u.username(), u.password())).isEqualTo("OK \"logged in\"");
        }
    }
}
