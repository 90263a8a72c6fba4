package dev.gannet.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gannet.api.auth.TokenStore;
import dev.gannet.core.config.Settings;
import dev.gannet.core.store.UserId;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestSecrets;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebAuthn over real HTTP with a software authenticator: registration, a token pending its second factor completed
 * by an assertion, and every way an assertion or registration must fail (replay, origin, signature, counter,
 * another user's credential, bad input).
 */
class WebAuthnApiTest {

    private static final String ORIGIN = "https://mail.example.test";
    private static final String RP_ID = "example.test";

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api")
            .set(Settings.API_ACCESS_TOKEN, "root-token")
            .set(Settings.API_WEBAUTHN_RP_ID, RP_ID)
            .set(Settings.API_WEBAUTHN_ORIGINS, List.of(ORIGIN, "https://other.example.test"))
            .build();

    private ApiClient api() {
        return new ApiClient(gannet.port("api"));
    }

    private static String base(TestUser u) {
        return "/users/" + u.id() + "/2fa/webauthn";
    }

    private String login(TestUser u) {
        return AuthApiTest.login(api(), u.username(), u.password());
    }

    private String pendingToken(TestUser u) {
        TokenStore tokens = new TokenStore(gannet.context().coordination().cache(), Duration.ofHours(1));
        return TestSecrets.register(tokens.issue(u.id(), "master", true).block());
    }

    private List<String> enabled2fa(UserId id) {
        return gannet.store().users().get(id).block().enabled2fa();
    }

    /** Registers {@code key} for {@code u}; answers the attestation response. */
    private ApiClient.Response register(TestUser u, String token, SoftAuthenticator key, String description) {
        ApiClient.Response ch = api().post(base(u) + "/registration-challenge", token,
                "{\"description\":\"" + description + "\",\"origin\":\"" + ORIGIN + "\"}");
        assertThat(ch.status()).as(ch.body()).isEqualTo(200);
        String challenge = ch.json().get("registrationOptions").get("challenge").asText();
        return api().post(base(u) + "/registration-attestation", token, key.attestation(challenge, ORIGIN));
    }

    private String registered(TestUser u, String token, SoftAuthenticator key) {
        ApiClient.Response r = register(u, token, key, "key");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("response").get("id").asText();
    }

    private String authChallenge(TestUser u, String token) {
        ApiClient.Response ch = api().post(base(u) + "/authentication-challenge", token,
                "{\"origin\":\"" + ORIGIN + "\"}");
        assertThat(ch.status()).as(ch.body()).isEqualTo(200);
        return ch.json().get("authenticationOptions").get("challenge").asText();
    }

    private ApiClient.Response assertWith(TestUser u, String token, String body) {
        return api().post(base(u) + "/authentication-assertion", token, body);
    }

    @Test
    void registeredKeyCompletesAPendingToken() {
        TestUser u = gannet.createUser();
        String full = login(u);
        SoftAuthenticator key = new SoftAuthenticator(RP_ID);
        ApiClient.Response ch = api().post(base(u) + "/registration-challenge", full,
                "{\"description\":\"YubiKey\",\"origin\":\"" + ORIGIN + "\",\"authenticatorAttachment\":\"cross-platform\"}");
        assertThat(ch.status()).as(ch.body()).isEqualTo(200);
        JsonNode options = ch.json().get("registrationOptions");
        assertThat(options.get("rp").get("id").asText()).isEqualTo(RP_ID);
        assertThat(options.get("user").get("id").asText()).isEqualTo(u.id().value());
        assertThat(options.get("challenge").asText()).matches("[0-9a-f]{64}");
        ApiClient.Response reg = api().post(base(u) + "/registration-attestation", full,
                key.attestation(options.get("challenge").asText(), ORIGIN));
        assertThat(reg.status()).as(reg.body()).isEqualTo(200);
        assertThat(reg.json().get("response").get("rawId").asText()).isEqualTo(key.rawIdHex());
        assertThat(enabled2fa(u.id())).contains("webauthn");
        JsonNode list = api().get(base(u) + "/credentials", full).json().get("credentials");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("description").asText()).isEqualTo("YubiKey");
        assertThat(list.get(0).get("authenticatorAttachment").asText()).isEqualTo("cross-platform");

        // a password login now answers require2fa and a token that waits for the key
        ApiClient.Response authn = api().post("/authenticate", null,
                "{\"username\":\"" + u.username() + "\",\"password\":\"" + u.password() + "\"}");
        assertThat(authn.status()).as(authn.body()).isEqualTo(200);
        assertThat(authn.json().get("require2fa").toString()).isEqualTo("[\"webauthn\"]");
        String pending = TestSecrets.register(authn.json().get("token").asText());
        assertThat(api().get("/users/" + u.id() + "/mailboxes", pending).status()).isEqualTo(403);
        assertThat(api().post(base(u) + "/registration-challenge", pending,
                "{\"description\":\"x\",\"origin\":\"" + ORIGIN + "\"}").status()).isEqualTo(403);
        ApiClient.Response auth = api().post(base(u) + "/authentication-challenge", pending,
                "{\"origin\":\"" + ORIGIN + "\"}");
        assertThat(auth.status()).as(auth.body()).isEqualTo(200);
        JsonNode aopts = auth.json().get("authenticationOptions");
        assertThat(aopts.get("allowCredentials").get(0).get("rawId").asText()).isEqualTo(key.rawIdHex());
        ApiClient.Response ok = assertWith(u, pending, key.assertion(aopts.get("challenge").asText(), ORIGIN));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("response").get("authenticated").asBoolean()).isTrue();
        assertThat(ok.json().get("response").get("credential").asText()).isEqualTo(list.get(0).get("id").asText());
        assertThat(api().get("/users/" + u.id() + "/mailboxes", pending).status()).isEqualTo(200);
        // every factor off: the key's credential goes with it
        assertThat(api().delete("/users/" + u.id() + "/2fa", pending).status()).isEqualTo(200);
        assertThat(enabled2fa(u.id())).isEmpty();
        assertThat(api().get(base(u) + "/credentials", pending).json().get("credentials")).isEmpty();
    }

    @Test
    void assertionWithTokenTrueAnswersAFullToken() {
        TestUser u = gannet.createUser();
        SoftAuthenticator key = new SoftAuthenticator(RP_ID);
        registered(u, login(u), key);
        String pending = pendingToken(u);
        String body = key.assertion(authChallenge(u, pending), ORIGIN);
        ApiClient.Response ok = assertWith(u, pending, body.substring(0, body.length() - 1) + ",\"token\":true}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        String fresh = ok.json().get("token").asText();
        assertThat(api().get("/users/" + u.id() + "/mailboxes", fresh).status()).isEqualTo(200);
    }

    @Test
    void aChallengeAnswersOnce() {
        TestUser u = gannet.createUser();
        String token = login(u);
        SoftAuthenticator key = new SoftAuthenticator(RP_ID);
        ApiClient.Response ch = api().post(base(u) + "/registration-challenge", token,
                "{\"description\":\"k\",\"origin\":\"" + ORIGIN + "\"}");
        String attestation = key.attestation(ch.json().get("registrationOptions").get("challenge").asText(), ORIGIN);
        assertThat(api().post(base(u) + "/registration-attestation", token, attestation).status()).isEqualTo(200);
        ApiClient.Response again = api().post(base(u) + "/registration-attestation", token, attestation);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("code").asText()).isEqualTo("ChallengeNotFound");

        String pending = pendingToken(u);
        String body = key.assertion(authChallenge(u, pending), ORIGIN);
        assertThat(assertWith(u, pending, body).status()).isEqualTo(200);
        ApiClient.Response replay = assertWith(u, pending, body);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.json().get("code").asText()).isEqualTo("ChallengeNotFound");
        // a registration challenge is no authentication challenge
        ApiClient.Response reg = api().post(base(u) + "/registration-challenge", token,
                "{\"description\":\"k\",\"origin\":\"" + ORIGIN + "\"}");
        String regChallenge = reg.json().get("registrationOptions").get("challenge").asText();
        assertThat(assertWith(u, pending, key.assertion(regChallenge, ORIGIN)).status()).isEqualTo(400);
    }

    @Test
    void originsAndRpIdAreTheConfiguredOnes() {
        TestUser u = gannet.createUser();
        String token = login(u);
        ApiClient.Response evil = api().post(base(u) + "/registration-challenge", token,
                "{\"description\":\"k\",\"origin\":\"https://evil.example\"}");
        assertThat(evil.status()).isEqualTo(400);
        assertThat(evil.json().get("error").asText()).contains("origin");
        ApiClient.Response rp = api().post(base(u) + "/registration-challenge", token,
                "{\"description\":\"k\",\"origin\":\"" + ORIGIN + "\",\"rpId\":\"evil.example\"}");
        assertThat(rp.status()).isEqualTo(400);
        assertThat(rp.json().get("error").asText()).contains("rpId");

        SoftAuthenticator key = new SoftAuthenticator(RP_ID);
        ApiClient.Response ch = api().post(base(u) + "/registration-challenge", token,
                "{\"description\":\"k\",\"origin\":\"" + ORIGIN + "\"}");
        String challenge = ch.json().get("registrationOptions").get("challenge").asText();
        // made at another configured origin than the one the challenge was asked for
        ApiClient.Response other = api().post(base(u) + "/registration-attestation", token,
                key.attestation(challenge, "https://other.example.test"));
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().get("code").asText()).isEqualTo("WebAuthnFailed");
        SoftAuthenticator wrongRp = new SoftAuthenticator("evil.example");
        assertThat(register(u, token, wrongRp, "k").status()).isEqualTo(400);

        registered(u, token, key);
        String pending = pendingToken(u);
        ApiClient.Response phished = assertWith(u, pending, key.assertion(authChallenge(u, pending), "https://evil.example"));
        assertThat(phished.status()).isEqualTo(403);
        assertThat(api().get("/users/" + u.id() + "/mailboxes", pending).status()).isEqualTo(403);
    }

    @Test
    void tamperedSignatureAndNonIncreasingCounterAreRefused() {
        TestUser u = gannet.createUser();
        SoftAuthenticator key = new SoftAuthenticator(RP_ID);
        registered(u, login(u), key);
        String pending = pendingToken(u);
        ApiClient.Response tampered = assertWith(u, pending,
                key.assertionWithCounter(authChallenge(u, pending), ORIGIN, 7, true));
        assertThat(tampered.status()).isEqualTo(403);
        assertThat(tampered.json().get("code").asText()).isEqualTo("WebAuthnFailed");
        assertThat(api().get("/users/" + u.id() + "/mailboxes", pending).status()).isEqualTo(403);

        assertThat(assertWith(u, pending, key.assertionWithCounter(authChallenge(u, pending), ORIGIN, 5, false))
                .status()).isEqualTo(200);
        String second = pendingToken(u);
        ApiClient.Response same = assertWith(u, second, key.assertionWithCounter(authChallenge(u, second), ORIGIN, 5, false));
        assertThat(same.status()).isEqualTo(403);
        ApiClient.Response lower = assertWith(u, second, key.assertionWithCounter(authChallenge(u, second), ORIGIN, 3, false));
        assertThat(lower.status()).isEqualTo(403);
        assertThat(api().get("/users/" + u.id() + "/mailboxes", second).status()).isEqualTo(403);
        assertThat(assertWith(u, second, key.assertionWithCounter(authChallenge(u, second), ORIGIN, 6, false))
                .status()).isEqualTo(200);
        assertThat(api().get("/users/" + u.id() + "/mailboxes", second).status()).isEqualTo(200);
    }

    @Test
    void anotherUsersCredentialsAreOutOfReach() {
        TestUser alice = gannet.createUser();
        TestUser bob = gannet.createUser();
        SoftAuthenticator aliceKey = new SoftAuthenticator(RP_ID);
        String aliceCred = registered(alice, login(alice), aliceKey);
        String bobToken = login(bob);
        registered(bob, bobToken, new SoftAuthenticator(RP_ID));

        assertThat(api().get(base(alice) + "/credentials", bobToken).status()).isEqualTo(403);
        assertThat(api().delete(base(alice) + "/credentials/" + aliceCred, bobToken).status()).isEqualTo(403);
        assertThat(api().delete(base(bob) + "/credentials/" + aliceCred, bobToken).status()).isEqualTo(404);
        assertThat(api().post(base(alice) + "/authentication-challenge", bobToken,
                "{\"origin\":\"" + ORIGIN + "\"}").status()).isEqualTo(403);
        assertThat(api().get(base(alice) + "/credentials", "root-token").json().get("credentials")).hasSize(1);

        String pending = pendingToken(bob);
        ApiClient.Response stolen = assertWith(bob, pending, aliceKey.assertion(authChallenge(bob, pending), ORIGIN));
        assertThat(stolen.status()).isEqualTo(400);
        assertThat(stolen.json().get("code").asText()).isEqualTo("CredentialsNotFound");
        assertThat(api().get("/users/" + bob.id() + "/mailboxes", pending).status()).isEqualTo(403);
        // the same credential id cannot be registered to a second user
        ApiClient.Response dup = register(bob, bobToken, aliceKey, "copy");
        assertThat(dup.status()).isEqualTo(400);
    }

    @Test
    void deletingTheLastCredentialTurnsWebAuthnOff() {
        TestUser u = gannet.createUser();
        String token = login(u);
        String first = registered(u, token, new SoftAuthenticator(RP_ID));
        String second = registered(u, token, new SoftAuthenticator(RP_ID));
        ApiClient.Response del = api().delete(base(u) + "/credentials/" + first, token);
        assertThat(del.status()).isEqualTo(200);
        assertThat(del.json().get("deleted").asBoolean()).isTrue();
        assertThat(enabled2fa(u.id())).contains("webauthn");
        assertThat(api().delete(base(u) + "/credentials/" + second, token).status()).isEqualTo(200);
        assertThat(enabled2fa(u.id())).doesNotContain("webauthn");
        assertThat(api().delete(base(u) + "/credentials/" + second, token).status()).isEqualTo(404);
        ApiClient.Response off = api().post(base(u) + "/authentication-challenge", token, "{\"origin\":\"" + ORIGIN + "\"}");
        assertThat(off.status()).isEqualTo(400);
        assertThat(off.json().get("code").asText()).isEqualTo("WebAuthnDisabled");
    }

    @Test
    void aUserHasAtMostTenCredentialsAndDeletionTakesThemAll() {
        TestUser u = gannet.createUser();
        String token = login(u);
        for (int i = 0; i < 10; i++) {
            registered(u, token, new SoftAuthenticator(RP_ID));
        }
        ApiClient.Response full = api().post(base(u) + "/registration-challenge", token,
                "{\"description\":\"k\",\"origin\":\"" + ORIGIN + "\"}");
        assertThat(full.status()).isEqualTo(400);
        assertThat(full.json().get("error").asText()).contains("at most 10");
        assertThat(api().delete("/users/" + u.id(), "root-token").status()).isEqualTo(202);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!gannet.store().webauthn().list(u.id()).collectList().block().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(gannet.store().webauthn().list(u.id()).collectList().block()).isEmpty();
    }

    @Test
    void badInputIsA400NamingTheField() {
        TestUser u = gannet.createUser();
        String token = login(u);
        SoftAuthenticator key = new SoftAuthenticator(RP_ID);
        registered(u, token, key);
        String pending = pendingToken(u);
        String challenge = authChallenge(u, pending);
        for (String[] c : new String[][] {
                {"{\"challenge\":\"zz\",\"rawId\":\"00\",\"clientDataJSON\":\"00\",\"authenticatorData\":\"00\",\"signature\":\"00\"}", "challenge"},
                {"{\"challenge\":\"" + challenge + "\",\"rawId\":\"0\",\"clientDataJSON\":\"00\",\"authenticatorData\":\"00\",\"signature\":\"00\"}", "rawId"},
                {"{\"challenge\":\"" + challenge + "\",\"rawId\":\"00\",\"authenticatorData\":\"00\",\"signature\":\"00\"}", "clientDataJSON"},
                {"{\"challenge\":\"" + challenge + "\",\"rawId\":\"00\",\"clientDataJSON\":\"00\",\"authenticatorData\":\"00\",\"signature\":\"00\",\"extra\":1}", "extra"}}) {
            ApiClient.Response r = assertWith(u, pending, c[0]);
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.json().get("error").asText()).contains(c[1]);
        }
        // well-formed hex that is no WebAuthn data: refused, not a crash
        ApiClient.Response garbage = assertWith(u, pending, "{\"challenge\":\"" + challenge + "\",\"rawId\":\""
                + key.rawIdHex() + "\",\"clientDataJSON\":\"00ff\",\"authenticatorData\":\"0102\",\"signature\":\"03\"}");
        assertThat(garbage.status()).as(garbage.body()).isIn(400, 403);
        ApiClient.Response ch = api().post(base(u) + "/registration-challenge", token,
                "{\"description\":\"k\",\"origin\":\"" + ORIGIN + "\"}");
        String rc = ch.json().get("registrationOptions").get("challenge").asText();
        ApiClient.Response badAtt = api().post(base(u) + "/registration-attestation", token, "{\"challenge\":\"" + rc
                + "\",\"rawId\":\"00\",\"clientDataJSON\":\"7b7d\",\"attestationObject\":\"a0\"}");
        assertThat(badAtt.status()).as(badAtt.body()).isEqualTo(400);
        assertThat(api().post(base(u) + "/registration-challenge", token, "{\"origin\":\"" + ORIGIN + "\"}").json()
                .get("error").asText()).contains("description");
        assertThat(api().post(base(u) + "/registration-challenge", token,
                "{\"description\":\"k\",\"origin\":\"" + ORIGIN + "\",\"authenticatorAttachment\":\"usb\"}").status())
                .isEqualTo(400);
    }
}
