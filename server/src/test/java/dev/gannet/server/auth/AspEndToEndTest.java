package dev.gannet.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Application-specific passwords end to end: created over the API, accepted by IMAP, POP3 and
 * {@code POST /authenticate} for their scopes only, last use recorded, refused once deleted; a user with a
 * second factor logs in to IMAP and POP3 with an ASP only; the {@code .mobileconfig} profile parses with
 * Python's plistlib and the credentials in it log in over IMAP (Python's imaplib).
 */
class AspEndToEndTest {

    private static final String ROOT = "root-token-for-asp-tests";

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api", "imap", "pop3")
            .set(Settings.API_ACCESS_TOKEN, ROOT)
            .set(Settings.IMAP_AUTH_FAILURE_DELAY, Duration.ZERO)
            .set(Settings.POP3_AUTH_FAILURE_DELAY, Duration.ZERO)
            .build();

    private int api() {
        return gannet.port("api");
    }

    private Clients.Http root(String method, String path, String body) throws Exception {
        return Clients.http(api(), "127.0.0.1", method, path, ROOT, body);
    }

    private String user(String name) throws Exception {
        Clients.Http r = root("POST", "/users", "{\"username\":\"" + name + "\",\"password\":\"pw-" + name
                + "\",\"address\":\"" + name + "@example.org\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("id").asText();
    }

    private JsonNode asp(String user, String body) throws Exception {
        Clients.Http r = root("POST", "/users/" + user + "/asps", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void aspWorksForItsScopesOnly() throws Exception {
        String id = user("ann");
        JsonNode imapOnly = asp(id, "{\"description\":\"Thunderbird\",\"scopes\":[\"imap\"]}");
        String pw = imapOnly.get("password").asText();
        assertThat(pw).matches("[a-z]{16}");
        assertThat(imapOnly.has("mobileconfig")).isFalse();
        JsonNode popOnly = asp(id, "{\"description\":\"Phone\",\"scopes\":[\"pop3\"]}");

        assertThat(Clients.imapLogin(gannet.port("imap"), "127.0.0.2", "ann", pw)).startsWith("a OK");
        // Whitespace does not matter, as in WildDuck ("abcd efgh ijkl mnop").
        String spaced = pw.substring(0, 4) + " " + pw.substring(4, 8) + " " + pw.substring(8, 12) + " " + pw.substring(12);
        assertThat(Clients.imapLogin(gannet.port("imap"), "127.0.0.2", "ann", spaced)).startsWith("a OK");
        assertThat(Clients.pop3Login(gannet.port("pop3"), "127.0.0.2", "ann", pw)).startsWith("-ERR [AUTH]");
        assertThat(Clients.pop3Login(gannet.port("pop3"), "127.0.0.2", "ann", popOnly.get("password").asText()))
                .startsWith("+OK");
        assertThat(Clients.imapLogin(gannet.port("imap"), "127.0.0.2", "ann", popOnly.get("password").asText()))
                .startsWith("a NO [AUTHENTICATIONFAILED]");
        // An ASP never gives the API's master scope; the password still does.
        assertThat(Clients.apiLogin(api(), "127.0.0.2", "ann", pw).status()).isEqualTo(401);
        assertThat(Clients.apiLogin(api(), "127.0.0.2", "ann", "pw-ann").status()).isEqualTo(200);
        // Another user's ASP is no password of this one.
        String bobId = user("bob");
        String bobs = asp(bobId, "{\"description\":\"x\"}").get("password").asText();
        assertThat(Clients.imapLogin(gannet.port("imap"), "127.0.0.2", "ann", bobs)).startsWith("a NO");

        JsonNode list = root("GET", "/users/" + id + "/asps", null).json();
        assertThat(list.get("results")).hasSize(2);
        JsonNode first = list.get("results").get(0);
        assertThat(first.get("id").asText()).isEqualTo(imapOnly.get("id").asText());
        assertThat(first.get("description").asText()).isEqualTo("Thunderbird");
        assertThat(first.get("scopes").toString()).isEqualTo("[\"imap\"]");
        assertThat(first.get("lastUse").get("ip").asText()).isEqualTo("127.0.0.2");
        assertThat(first.get("lastUse").get("protocol").asText()).isEqualTo("imap");
        assertThat(first.get("lastUse").get("time").isNull()).isFalse();
        assertThat(list.toString()).doesNotContain(pw);
        String event = first.get("lastUse").get("event").asText();
        JsonNode logged = root("GET", "/users/" + id + "/authlog/" + event, null).json();
        assertThat(logged.get("source").asText()).isEqualTo("asp");
        assertThat(logged.get("asp").asText()).isEqualTo(imapOnly.get("id").asText());
        assertThat(logged.get("aname").asText()).isEqualTo("Thunderbird");

        // Bob cannot see, read or delete Ann's ASP with his own token.
        String bobToken = Clients.apiLogin(api(), "127.0.0.1", "bob", "pw-bob").json().get("token").asText();
        assertThat(Clients.http(api(), "127.0.0.1", "GET", "/users/" + id + "/asps", bobToken, null).status()).isEqualTo(403);
        assertThat(Clients.http(api(), "127.0.0.1", "DELETE", "/users/" + bobId + "/asps/" + imapOnly.get("id").asText(),
                bobToken, null).status()).isEqualTo(404);

        JsonNode one = root("GET", "/users/" + id + "/asps/" + popOnly.get("id").asText(), null).json();
        assertThat(one.get("scopes").toString()).isEqualTo("[\"pop3\"]");
        assertThat(root("DELETE", "/users/" + id + "/asps/" + imapOnly.get("id").asText(), null).status()).isEqualTo(200);
        assertThat(root("GET", "/users/" + id + "/asps/" + imapOnly.get("id").asText(), null).status()).isEqualTo(404);
        assertThat(Clients.imapLogin(gannet.port("imap"), "127.0.0.2", "ann", pw)).startsWith("a NO [AUTHENTICATIONFAILED]");
    }

    @Test
    void badRequestsNameTheField() throws Exception {
        String id = user("cat");
        Clients.Http r = root("POST", "/users/" + id + "/asps", "{\"description\":\"x\",\"scopes\":[\"master\"]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("scopes");
        assertThat(root("POST", "/users/" + id + "/asps", "{\"scopes\":[\"imap\"]}").body()).contains("description");
        assertThat(root("POST", "/users/" + id + "/asps", "{\"description\":\"x\",\"expires\":\"soon\"}").body())
                .contains("expires");
        assertThat(root("POST", "/users/" + id + "/asps",
                "{\"description\":\"x\",\"scopes\":[\"smtp\"],\"generateMobileconfig\":true}").body())
                .contains("generateMobileconfig");
        // '*' alone stands for every scope, and is listed as them.
        JsonNode all = asp(id, "{\"description\":\"all\",\"scopes\":[\"*\",\"imap\"]}");
        JsonNode listed = root("GET", "/users/" + id + "/asps/" + all.get("id").asText(), null).json();
        assertThat(listed.get("scopes").toString()).isEqualTo("[\"imap\",\"pop3\",\"smtp\"]");
    }

    @Test
    void expiredAspIsRefused() throws Exception {
        String id = user("dan");
        JsonNode a = asp(id, "{\"description\":\"short\",\"expires\":\"" + java.time.Instant.now().plusSeconds(1) + "\"}");
        Thread.sleep(1100);
        assertThat(Clients.imapLogin(gannet.port("imap"), "127.0.0.2", "dan", a.get("password").asText()))
                .startsWith("a NO [AUTHENTICATIONFAILED]");
    }

    @Test
    void userWithSecondFactorLogsInToProtocolsWithAnAspOnly() throws Exception {
        String id = user("eve");
        String pw = asp(id, "{\"description\":\"mail\"}").get("password").asText();
        Mono.from(gannet.node().storeConnection().database().getCollection("users").updateOne(
                new Document("_id", id), new Document("$set", new Document("enabled2fa", List.of("totp"))))).block();
        assertThat(Clients.imapLogin(gannet.port("imap"), "127.0.0.2", "eve", "pw-eve")).startsWith("a NO [AUTHENTICATIONFAILED]");
        assertThat(Clients.pop3Login(gannet.port("pop3"), "127.0.0.2", "eve", "pw-eve")).startsWith("-ERR [AUTH]");
        assertThat(Clients.imapLogin(gannet.port("imap"), "127.0.0.2", "eve", pw)).startsWith("a OK");
        assertThat(Clients.pop3Login(gannet.port("pop3"), "127.0.0.2", "eve", pw)).startsWith("+OK");
        JsonNode log = root("GET", "/users/" + id + "/authlog", null).json().get("results");
        assertThat(log.get(3).get("reason").asText()).isEqualTo("asp-required");
        assertThat(log.get(3).get("enabled2fa").toString()).isEqualTo("[\"totp\"]");
        assertThat(log.get(0).get("source").asText()).isEqualTo("asp");
    }

    @Test
    void mobileconfigParsesAsAPropertyListAndItsCredentialsLogIn() throws Exception {
        String id = user("fay");
        JsonNode a = asp(id, "{\"description\":\"Fay's iPhone\",\"scopes\":[\"imap\",\"smtp\"],\"generateMobileconfig\":true}");
        Path profile = gannet.dataDir().resolve("fay.mobileconfig");
        Files.write(profile, java.util.Base64.getDecoder().decode(a.get("mobileconfig").asText()));
        String script = String.join("\n",
                "import plistlib, imaplib, sys",
                "with open(sys.argv[1], 'rb') as f: p = plistlib.load(f)",
                "assert p['PayloadType'] == 'Configuration', p",
                "m = p['PayloadContent'][0]",
                "assert m['PayloadType'] == 'com.apple.mail.managed'",
                "assert m['EmailAccountType'] == 'EmailTypeIMAP'",
                "assert m['EmailAddress'] == 'fay@example.org'",
                "assert m['IncomingMailServerHostName'] == 'gannet.test', m['IncomingMailServerHostName']",
                "assert m['IncomingMailServerUseSSL'] is True",
                "assert isinstance(m['IncomingMailServerPortNumber'], int)",
                "c = imaplib.IMAP4('127.0.0.1', int(sys.argv[2]))",
                "print(c.login(m['IncomingMailServerUsername'], m['IncomingPassword'])[0])",
                "c.logout()");
        Process p = new ProcessBuilder("python3", "-c", script, profile.toString(), Integer.toString(gannet.port("imap")))
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.strip()).isEqualTo("OK");
    }
}
