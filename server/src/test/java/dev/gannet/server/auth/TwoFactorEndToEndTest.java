package dev.gannet.server.auth;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestSecrets;
import org.apache.commons.codec.binary.Base32;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TOTP and custom second factors over HTTP, as a client of WildDuck's API drives them, with codes computed here
 * the way an authenticator app does (java-otp, RFC 6238): setup, enable only with a right code, a password login
 * answering require2fa with a token good only for the check, the check making it a full token, a code good once,
 * wrong codes limited, protocol logins needing an ASP while a factor is on, and everything off again. Token scopes
 * ride along: a token for imap reaches no API resource.
 */
class TwoFactorEndToEndTest {

    private static final String ROOT = "root-token-for-2fa-tests";

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api", "imap", "pop3")
            .set(Settings.API_ACCESS_TOKEN, ROOT)
            .set(Settings.API_TOTP_FAILURE_LIMIT, 3)
            .set(Settings.API_TOTP_KEY, TestSecrets.register("totp-seal-key-for-2fa-tests"))
            .set(Settings.IMAP_AUTH_FAILURE_DELAY, Duration.ZERO)
            .set(Settings.POP3_AUTH_FAILURE_DELAY, Duration.ZERO)
            .build();

    private static final TimeBasedOneTimePasswordGenerator APP = new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6);

    private int api() {
        return gannet.port("api");
    }

    private Clients.Http call(String method, String path, String token, String body) throws Exception {
        return Clients.http(api(), "127.0.0.1", method, path, token, body);
    }

    private String user(String name) throws Exception {
        Clients.Http r = call("POST", "/users", ROOT, "{\"username\":\"" + name + "\",\"password\":\"pw-" + name
                + "\",\"address\":\"" + name + "@example.org\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("id").asText();
    }

    private static String code(String seed, long step) throws Exception {
        SecretKeySpec key = new SecretKeySpec(new Base32().decode(seed), APP.getAlgorithm());
        return String.format("%06d", APP.generateOneTimePassword(key, Instant.ofEpochSecond(step * 30)));
    }

    private static long step() {
        return Instant.now().getEpochSecond() / 30;
    }

    private static String wrong(String seed) throws Exception {
        long s = step();
        for (int n = 0; ; n++) {
            String c = String.format("%06d", n);
            if (!c.equals(code(seed, s - 1)) && !c.equals(code(seed, s)) && !c.equals(code(seed, s + 1))
                    && !c.equals(code(seed, s + 2))) {
                return c;
            }
        }
    }

    private JsonNode login(String name, String password, String scope) throws Exception {
        Clients.Http r = call("POST", "/authenticate", null, "{\"username\":\"" + name + "\",\"password\":\"" + password + "\""
                + (scope == null ? "" : ",\"scope\":\"" + scope + "\"") + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private String enableTotp(String id, String token) throws Exception {
        Clients.Http setup = call("POST", "/users/" + id + "/2fa/totp/setup", token, "{\"issuer\":\"Example Mail\"}");
        assertThat(setup.status()).as(setup.body()).isEqualTo(200);
        String seed = TestSecrets.register(setup.json().get("seed").asText());
        assertThat(seed).matches("[A-Z2-7]{32}");
        String qr = setup.json().get("qrcode").asText();
        assertThat(qr).startsWith("data:image/png;base64,");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(qr.substring(qr.indexOf(',') + 1))));
        assertThat(png.getWidth()).isEqualTo(256);
        Clients.Http ok = call("POST", "/users/" + id + "/2fa/totp/enable", token, "{\"token\":\"" + code(seed, step()) + "\"}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        return seed;
    }

    @Test
    void totpFromSetupToAFullTokenAndOffAgain() throws Exception {
        String id = user("tom");
        String full = login("tom", "pw-tom", null).get("token").asText();
        Clients.Http setup = call("POST", "/users/" + id + "/2fa/totp/setup", full, "{}");
        String first = TestSecrets.register(setup.json().get("seed").asText());
        Clients.Http bad = call("POST", "/users/" + id + "/2fa/totp/enable", full, "{\"token\":\"" + wrong(first) + "\"}");
        assertThat(bad.status()).as(bad.body()).isEqualTo(403);
        assertThat(call("GET", "/users/" + id, ROOT, null).json().get("enabled2fa").toString()).isEqualTo("[]");

        String seed = enableTotp(id, full);
        assertThat(call("GET", "/users/" + id, ROOT, null).json().get("enabled2fa").toString()).isEqualTo("[\"totp\"]");
        // at rest the seed is sealed with api.totpKey, and no route shows it
        Document stored = Mono.from(gannet.node().storeConnection().database().getCollection("users")
                .find(new Document("_id", id)).first()).block();
        assertThat(stored.getString("totpSeed")).startsWith("aes1:").doesNotContain(seed);
        assertThat(call("GET", "/users/" + id, ROOT, null).body()).doesNotContain(seed).doesNotContain(stored.getString("totpSeed"));
        assertThat(call("POST", "/users/" + id + "/2fa/totp/setup", full, "{}").status())
                .as("a second setup without fresh").isEqualTo(400);

        JsonNode pending = login("tom", "pw-tom", null);
        assertThat(pending.get("require2fa").toString()).isEqualTo("[\"totp\"]");
        String token = pending.get("token").asText();
        assertThat(call("GET", "/users/" + id + "/mailboxes", token, null).status()).isEqualTo(403);
        assertThat(call("POST", "/users/" + id + "/asps", token, "{\"description\":\"x\"}").status()).isEqualTo(403);
        assertThat(call("POST", "/users/" + id + "/2fa/totp/check", token, "{\"token\":\"" + wrong(seed) + "\"}").status())
                .isEqualTo(403);
        String next = code(seed, step() + 1);
        Clients.Http checked = call("POST", "/users/" + id + "/2fa/totp/check", token, "{\"token\":\"" + next + "\"}");
        assertThat(checked.status()).as(checked.body()).isEqualTo(200);
        assertThat(call("GET", "/users/" + id + "/mailboxes", token, null).status()).isEqualTo(200);
        assertThat(call("POST", "/users/" + id + "/2fa/totp/check", token, "{\"token\":\"" + next + "\"}").status())
                .as("the same code again").isEqualTo(403);

        // protocols need an ASP while a second factor is on
        assertThat(Clients.imapLogin(gannet.port("imap"), "127.0.0.2", "tom", "pw-tom")).startsWith("a NO [AUTHENTICATIONFAILED]");
        Clients.Http asp = call("POST", "/users/" + id + "/asps", token, "{\"description\":\"mail\",\"scopes\":[\"imap\"]}");
        String aspPw = asp.json().get("password").asText();
        assertThat(Clients.imapLogin(gannet.port("imap"), "127.0.0.2", "tom", aspPw)).startsWith("a OK");
        // an ASP proves the imap scope without a second factor, and its token reaches nothing in the API
        JsonNode imapToken = login("tom", aspPw, "imap");
        assertThat(imapToken.get("require2fa").asBoolean()).isFalse();
        assertThat(imapToken.get("scope").asText()).isEqualTo("imap");
        assertThat(call("GET", "/users/" + id, imapToken.get("token").asText(), null).status()).isEqualTo(403);
        assertThat(call("DELETE", "/authenticate", imapToken.get("token").asText(), null).status()).isEqualTo(200);
        assertThat(call("POST", "/authenticate", null, "{\"username\":\"tom\",\"password\":\"pw-tom\",\"scope\":\"imap\"}")
                .status()).as("a password for imap while 2FA is on").isEqualTo(401);

        assertThat(call("DELETE", "/users/" + id + "/2fa", token, null).status()).isEqualTo(200);
        assertThat(call("GET", "/users/" + id, ROOT, null).json().get("enabled2fa").toString()).isEqualTo("[]");
        assertThat(login("tom", "pw-tom", null).get("require2fa").asBoolean()).isFalse();
        assertThat(Clients.imapLogin(gannet.port("imap"), "127.0.0.2", "tom", "pw-tom")).startsWith("a OK");
    }

    @Test
    void wrongCodesAreLimitedPerUserAndThenEvenTheRightOneWaits() throws Exception {
        String id = user("una");
        String full = login("una", "pw-una", null).get("token").asText();
        String seed = enableTotp(id, full);
        String token = login("una", "pw-una", null).get("token").asText();
        for (int i = 0; i < 3; i++) {
            assertThat(call("POST", "/users/" + id + "/2fa/totp/check", token, "{\"token\":\"" + wrong(seed) + "\"}").status())
                    .isEqualTo(403);
        }
        Clients.Http limited = call("POST", "/users/" + id + "/2fa/totp/check", token,
                "{\"token\":\"" + code(seed, step() + 1) + "\"}");
        assertThat(limited.status()).as(limited.body()).isEqualTo(429);
        assertThat(call("GET", "/users/" + id + "/mailboxes", token, null).status()).isEqualTo(403);
        // another user's token cannot check, set up or turn off this user's factor
        user("vic");
        String vic = login("vic", "pw-vic", null).get("token").asText();
        assertThat(call("POST", "/users/" + id + "/2fa/totp/check", vic, "{\"token\":\"123456\"}").status()).isEqualTo(403);
        assertThat(call("DELETE", "/users/" + id + "/2fa", vic, null).status()).isEqualTo(403);
        assertThat(call("POST", "/users/" + id + "/2fa/totp/check", token, "{}").status()).isEqualTo(400);
    }

    @Test
    void customSecondFactorAndScopes() throws Exception {
        String id = user("wes");
        String full = login("wes", "pw-wes", null).get("token").asText();
        assertThat(call("PUT", "/users/" + id + "/2fa/custom", full, null).status()).isEqualTo(200);
        JsonNode pending = login("wes", "pw-wes", null);
        assertThat(pending.get("require2fa").toString()).isEqualTo("[\"custom\"]");
        assertThat(call("GET", "/users/" + id + "/addresses", pending.get("token").asText(), null).status()).isEqualTo(403);
        assertThat(Clients.pop3Login(gannet.port("pop3"), "127.0.0.2", "wes", "pw-wes")).startsWith("-ERR [AUTH]");
        assertThat(call("DELETE", "/users/" + id + "/2fa/custom", ROOT, null).status()).isEqualTo(200);
        assertThat(Clients.pop3Login(gannet.port("pop3"), "127.0.0.2", "wes", "pw-wes")).startsWith("+OK");

        Clients.Http bogus = call("POST", "/authenticate", null, "{\"username\":\"wes\",\"password\":\"pw-wes\",\"scope\":\"admin\"}");
        assertThat(bogus.status()).isEqualTo(400);
        assertThat(bogus.body()).contains("scope");
        JsonNode pop = login("wes", "pw-wes", "pop3");
        assertThat(pop.get("scope").asText()).isEqualTo("pop3");
        assertThat(call("GET", "/users/" + id + "/mailboxes", pop.get("token").asText(), null).status()).isEqualTo(403);
        assertThat(call("GET", "/users/" + id + "/mailboxes", login("wes", "pw-wes", "master").get("token").asText(), null)
                .status()).isEqualTo(200);
    }
}
