package dev.gannet.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.gannet.core.config.Settings;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.NewUser;
import dev.gannet.core.store.User;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.LineSocket;
import dev.gannet.core.testing.TestSecrets;
import dev.gannet.core.testing.leak.LogLeakCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client sends before and during authentication never reaches a log line: plaintext on the
 * implicit-TLS ports (and after STARTTLS) is one short line without the bytes, and real logins over
 * IMAP, POP3 and the API with every way of sending a password or token, at TRACE on all of Gannet's
 * loggers, leave no password or token in any line. Each secret is registered with {@link TestSecrets},
 * so the build's leak check greps the log files for them as well; this test checks the lines it caused
 * at once.
 */
class SecretsNotLoggedTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ROOT = TestSecrets.register("root-" + random());

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder()
            .roles("imap", "pop3", "api")
            .set(Settings.API_ACCESS_TOKEN, ROOT)
            .set(Settings.IMAP_AUTH_FAILURE_DELAY, Duration.ZERO)
            .set(Settings.POP3_AUTH_FAILURE_DELAY, Duration.ZERO)
            .build();

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger gannetLogger = (Logger) LoggerFactory.getLogger("dev.gannet");
    private Level gannetLevel;
    private final List<String> secrets = new ArrayList<>();

    @BeforeEach
    void capture() {
        captured.start();
        root.addAppender(captured);
        gannetLevel = gannetLogger.getLevel();
    }

    @AfterEach
    void release() {
        root.detachAppender(captured);
        gannetLogger.setLevel(gannetLevel);
    }

    private static String random() {
        byte[] b = new byte[9];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private String secret(String prefix) {
        String s = TestSecrets.register(prefix + "-" + random());
        secrets.add(s);
        return s;
    }

    private User user(String password) {
        String name = "leak" + random().substring(0, 8);
        User u = gannet.store().users().create(new NewUser(name, password, null, "Leak test", 0)).block(Duration.ofSeconds(30));
        gannet.store().addresses().add(u.id(), EmailAddress.parse(name + "@gannet.test"), true).block(Duration.ofSeconds(30));
        return u;
    }

    @Test
    void plaintextOnTheImplicitTlsPortsIsOneShortLineWithoutTheBytes() throws Exception {
        String password = secret("plain");
        for (String listener : List.of("imaps", "pop3s")) {
            captured.list.clear();
            try (Socket s = new Socket("127.0.0.1", gannet.port(listener))) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(("a LOGIN someone " + password + "\r\n").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                assertThat(s.getInputStream().readAllBytes()).as(listener + " answers no plaintext").isEmpty();
            }
            List<String> lines = awaitLines(l -> l.contains("not TLS"));
            assertThat(lines).as(listener).filteredOn(l -> l.contains("not TLS")).singleElement()
                    .satisfies(l -> assertThat(l.length()).isLessThan(200));
            assertClean(lines);
        }
    }

    @Test
    void plaintextAfterStartTlsIsOneShortLineWithoutTheBytes() throws Exception {
        String password = secret("starttls");
        try (LineSocket imap = new LineSocket(new Socket("127.0.0.1", gannet.port("imap")))) {
            imap.readLine();
            imap.send("s STARTTLS");
            assertThat(imap.readLine()).startsWith("s OK");
            imap.send("a LOGIN someone " + password);
            assertThat(imap.readLine()).isNull();
        }
        try (LineSocket pop = new LineSocket(new Socket("127.0.0.1", gannet.port("pop3")))) {
            pop.readLine();
            pop.send("STLS");
            assertThat(pop.readLine()).startsWith("+OK");
            pop.send("PASS " + password);
            assertThat(pop.readLine()).isNull();
        }
        assertClean(awaitLines(l -> l.contains("not TLS") && captured.list.stream()
                .filter(e -> e.getFormattedMessage().contains("not TLS")).count() >= 2));
    }

    @Test
    void imapLoginsAtTraceLevelLogNoPassword() throws Exception {
        gannetLogger.setLevel(Level.TRACE);
        String password = secret("imap");
        String wrong = secret("imap-wrong");
        User u = user(password);
        String name = u.username();
        String plain = b64("\0" + name + "\0" + password);
        secrets.add(TestSecrets.register(plain));

        imap(c -> c.expectOk("a", "a LOGIN " + name + " " + password));
        imap(c -> c.expectOk("b", "b LOGIN \"" + name + "\" \"" + password + "\""));
        imap(c -> {
            c.s.send("c LOGIN " + name + " {" + password.length() + "}");
            assertThat(c.s.readLine()).startsWith("+");
            c.expectOk("c", password);
        });
        imap(c -> c.expectOk("d", "d LOGIN {" + name.length() + "+}\r\n" + name + " {" + password.length() + "+}\r\n" + password));
        imap(c -> c.expectOk("e", "e AUTHENTICATE PLAIN " + plain));
        imap(c -> {
            c.s.send("f AUTHENTICATE PLAIN");
            assertThat(c.s.readLine()).startsWith("+");
            c.expectOk("f", plain);
        });
        imap(c -> {
            c.s.send("g AUTHENTICATE LOGIN");
            assertThat(c.s.readLine()).startsWith("+");
            c.s.send(b64(name));
            assertThat(c.s.readLine()).startsWith("+");
            c.expectOk("g", b64(password));
        });
        imap(c -> assertThat(c.command("h", "h LOGIN " + name + " " + wrong)).startsWith("h NO"));
        imap(c -> assertThat(c.command("i", "i AUTHENTICATE PLAIN " + b64("\0" + name + "\0" + wrong))).startsWith("i NO"));
        assertClean(captured.list.stream().map(SecretsNotLoggedTest::text).toList());
        assertThat(captured.list).as("the TRACE level was on").anyMatch(e -> e.getLevel().toInt() <= Level.DEBUG.toInt());
    }

    @Test
    void pop3LoginsAtTraceLevelLogNoPassword() throws Exception {
        gannetLogger.setLevel(Level.TRACE);
        String password = secret("pop");
        String wrong = secret("pop-wrong");
        User u = user(password);
        String name = u.username();
        String plain = b64("\0" + name + "\0" + password);
        secrets.add(TestSecrets.register(plain));
        pop(p -> {
            p.send("USER " + name);
            assertThat(p.readLine()).startsWith("+OK");
            p.send("PASS " + password);
            assertThat(p.readLine()).startsWith("+OK");
        });
        pop(p -> {
            p.send("AUTH PLAIN " + plain);
            assertThat(p.readLine()).startsWith("+OK");
        });
        pop(p -> {
            p.send("AUTH PLAIN");
            assertThat(p.readLine()).startsWith("+");
            p.send(plain);
            assertThat(p.readLine()).startsWith("+OK");
        });
        pop(p -> {
            p.send("USER " + name);
            p.readLine();
            p.send("PASS " + wrong);
            assertThat(p.readLine()).startsWith("-ERR");
        });
        assertClean(captured.list.stream().map(SecretsNotLoggedTest::text).toList());
    }

    @Test
    void apiRequestsAtTraceLevelLogNoPasswordOrToken() throws Exception {
        gannetLogger.setLevel(Level.TRACE);
        String password = secret("api");
        String wrong = secret("api-wrong");
        String changed = secret("api-new");
        secrets.add(ROOT);
        HttpClient http = HttpClient.newHttpClient();
        String id = field(send(http, request("/users").header("X-Access-Token", ROOT)
                .POST(json("{\"username\":\"apileak" + random().substring(0, 6) + "\",\"password\":\"" + password + "\"}"))), "id");
        String username = field(send(http, request("/users/" + id).header("X-Access-Token", ROOT).GET()), "username");
        String token = field(send(http, request("/authenticate")
                .POST(json("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))), "token");
        secrets.add(TestSecrets.register(token));
        assertThat(send(http, request("/authenticate")
                .POST(json("{\"username\":\"" + username + "\",\"password\":\"" + wrong + "\"}"))).statusCode()).isEqualTo(401);
        assertThat(send(http, request("/users/" + id).header("X-Access-Token", token).GET()).statusCode()).isEqualTo(200);
        assertThat(send(http, request("/users/" + id + "?accessToken=" + token).GET()).statusCode()).isEqualTo(200);
        assertThat(send(http, request("/users/" + id).header("Authorization", "Bearer " + token).GET()).statusCode()).isEqualTo(200);
        assertThat(send(http, request("/users/" + id + "?accessToken=" + wrong).GET()).statusCode()).isEqualTo(401);
        // bodies that do not parse, or that name a field wrongly, echo nothing of the input into a log
        assertThat(send(http, request("/authenticate").POST(json("{\"username\":\"" + username
                + "\",\"password\":\"" + wrong))).statusCode()).isEqualTo(400);
        assertThat(send(http, request("/users/" + id).header("X-Access-Token", token)
                .PUT(json("{\"password\":" + "[\"" + changed + "\"]}"))).statusCode()).isEqualTo(400);
        assertThat(send(http, request("/users/" + id).header("X-Access-Token", token)
                .PUT(json("{\"pasword\":\"" + changed + "\"}"))).statusCode()).isEqualTo(400);
        assertThat(send(http, request("/users/" + id).header("X-Access-Token", ROOT)
                .PUT(json("{\"password\":\"" + changed + "\"}"))).statusCode()).isEqualTo(200);
        assertClean(captured.list.stream().map(SecretsNotLoggedTest::text).toList());
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private void assertClean(List<String> lines) {
        LogLeakCheck check = new LogLeakCheck(Set.copyOf(secrets));
        for (String line : lines) {
            assertThat(check.formsIn(line)).as("a secret in the log line: %s", line.replace(secrets.get(0), "<secret>")).isEmpty();
        }
    }

    /** Waits (briefly) until the connection's lines are logged: the server logs after the client sees the close. */
    private List<String> awaitLines(java.util.function.Predicate<String> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> lines = captured.list.stream().map(SecretsNotLoggedTest::text).toList();
            if (lines.stream().anyMatch(done)) {
                return lines;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no such log line; got " + captured.list.size() + " lines");
    }

    /** The formatted message and every message of its throwable chain, as a log file shows them. */
    private static String text(ILoggingEvent e) {
        StringBuilder sb = new StringBuilder(e.getFormattedMessage());
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            sb.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return sb.toString();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(HttpResponse<String> response, String name) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get(name).asText();
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gannet.port("api") + path));
    }

    private static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    private interface Session<T> {
        void run(T t) throws Exception;
    }

    private static final class Imap {
        final LineSocket s;

        Imap(LineSocket s) {
            this.s = s;
        }

        String command(String tag, String line) throws IOException {
            s.send(line);
            return untilTagged(tag);
        }

        void expectOk(String tag, String line) throws IOException {
            s.send(line);
            assertThat(untilTagged(tag)).startsWith(tag + " OK");
        }

        private String untilTagged(String tag) throws IOException {
            for (String l = s.readLine(); l != null; l = s.readLine()) {
                if (l.startsWith(tag + " ")) {
                    return l;
                }
            }
            throw new AssertionError("connection closed before " + tag + " was answered");
        }
    }

    private static void imap(Session<Imap> body) throws Exception {
        try (LineSocket s = new LineSocket(new Socket("127.0.0.1", gannet.port("imap")))) {
            assertThat(s.readLine()).startsWith("* OK");
            body.run(new Imap(s));
        }
    }

    private static void pop(Session<LineSocket> body) throws Exception {
        try (LineSocket s = new LineSocket(new Socket("127.0.0.1", gannet.port("pop3")))) {
            assertThat(s.readLine()).startsWith("+OK");
            body.run(s);
        }
    }
}
