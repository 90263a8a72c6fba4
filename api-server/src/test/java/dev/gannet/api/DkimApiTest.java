package dev.gannet.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gannet.core.config.Settings;
import dev.gannet.core.store.DkimStore;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.PythonModules;
import dev.gannet.core.testing.TestSecrets;
import dev.gannet.core.testing.TestUser;
import dev.gannet.delivery.dkim.DkimKeys;
import dev.gannet.delivery.dkim.DkimSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WildDuck's /dkim routes over HTTP: a key generated or given, its DNS record and fingerprint shown, the private key
 * in no answer and sealed at rest, one key per domain, root only; and a message submitted through the API, signed
 * by the outbound signer with the stored key, verifies with dkimpy against the TXT record the API showed.
 */
class DkimApiTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api")
            .set(Settings.API_ACCESS_TOKEN, "root-token")
            .set(Settings.DKIM_KEY_SECRET, TestSecrets.register("dkim-at-rest-secret")).build();

    @TempDir
    Path dir;

    private ApiClient api() {
        return new ApiClient(gannet.port("api"));
    }

    private static void noPrivateKey(ApiClient.Response r) {
        assertThat(r.body()).doesNotContain("PRIVATE KEY").doesNotContain("privateKey").doesNotContain("aes1:");
    }

    @Test
    void keysAreGeneratedShownWithTheirDnsRecordAndNeverReturnPrivately() {
        String domain = "d" + System.nanoTime() + ".example";
        ApiClient.Response created = api().post("/dkim", "root-token",
                "{\"domain\":\"" + domain.toUpperCase() + "\",\"selector\":\"s2026\",\"description\":\"main\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        noPrivateKey(created);
        JsonNode k = created.json();
        String id = k.get("id").asText();
        assertThat(k.get("domain").asText()).isEqualTo(domain);
        assertThat(k.get("dnsTxt").get("name").asText()).isEqualTo("s2026._domainkey." + domain);
        assertThat(k.get("dnsTxt").get("value").asText()).matches("v=DKIM1; k=rsa; p=[A-Za-z0-9+/=]{300,}");
        assertThat(k.get("fingerprint").asText()).matches("([0-9a-f]{2}:){31}[0-9a-f]{2}");
        assertThat(k.get("publicKey").asText()).startsWith("-----BEGIN PUBLIC KEY-----");

        DkimStore.Key stored = gannet.store().dkim().get(id).block();
        assertThat(stored.privateKey()).as("sealed with dkim.keySecret").startsWith("aes1:").doesNotContain("PRIVATE");

        ApiClient.Response got = api().get("/dkim/" + id, "root-token");
        noPrivateKey(got);
        assertThat(got.json().get("dnsTxt").get("value").asText()).isEqualTo(k.get("dnsTxt").get("value").asText());
        ApiClient.Response list = api().get("/dkim?query=" + domain, "root-token");
        noPrivateKey(list);
        assertThat(list.json().get("results")).hasSize(1);
        assertThat(api().get("/dkim/resolve/" + domain, "root-token").json().get("id").asText()).isEqualTo(id);

        String pem = TestSecrets.register(DkimKeys.privatePem(DkimKeys.generate()));
        ApiClient.Response replaced = api().post("/dkim", "root-token", "{\"domain\":\"" + domain + "\",\"selector\":\"s2\","
                + "\"privateKey\":" + ApiClient.JSON.valueToTree(pem) + "}");
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        noPrivateKey(replaced);
        assertThat(replaced.json().get("id").asText()).as("one key per domain").isEqualTo(id);
        assertThat(replaced.json().get("fingerprint").asText()).isNotEqualTo(k.get("fingerprint").asText());

        assertThat(api().post("/dkim", "root-token", "{\"domain\":\"" + domain + "\",\"selector\":\"s\",\"privateKey\":\"-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----\"}")
                .json().get("error").asText()).startsWith("privateKey").doesNotContain("AAAA");
        assertThat(api().post("/dkim", "root-token", "{\"domain\":\"" + domain + "\",\"selector\":\"bad selector\"}").status()).isEqualTo(400);
        assertThat(api().post("/dkim", "root-token", "{\"selector\":\"s\"}").status()).isEqualTo(400);

        TestUser u = gannet.createUser();
        String token = AuthApiTest.login(api(), u.username(), "secret");
        assertThat(api().get("/dkim", token).status()).isEqualTo(403);
        assertThat(api().post("/dkim", token, "{\"domain\":\"gannet.test\",\"selector\":\"s\"}").status()).isEqualTo(403);
        assertThat(api().delete("/dkim/" + id, token).status()).isEqualTo(403);

        assertThat(api().delete("/dkim/" + id, "root-token").status()).isEqualTo(200);
        assertThat(api().get("/dkim/" + id, "root-token").status()).isEqualTo(404);
        assertThat(api().get("/dkim/resolve/" + domain, "root-token").status()).isEqualTo(404);
        assertThat(api().delete("/dkim/" + id, "root-token").status()).isEqualTo(404);
    }

    @Test
    void aSubmittedMessageSignedWithTheStoredKeyVerifiesIndependently() throws Exception {
        ApiClient.Response created = api().post("/dkim", "root-token", "{\"domain\":\"gannet.test\",\"selector\":\"mail\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String txt = created.json().get("dnsTxt").get("value").asText();
        TestUser ann = gannet.createUser();
        String token = AuthApiTest.login(api(), ann.username(), "secret");
        ApiClient.Response sent = api().post("/users/" + ann.id() + "/submit", token,
                "{\"to\":[{\"address\":\"bob@example.net\"}],\"subject\":\"Signed ✓\",\"text\":\"hello  \\n\\n\",\"html\":\"<b>hi</b>\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        byte[] outgoing = api().get("/users/" + ann.id() + "/mailboxes/" + sent.json().get("message").get("mailbox").asText()
                + "/messages/" + sent.json().get("message").get("id").asLong() + "/message.eml", token).bytes();

        DkimSigner signer = new DkimSigner(gannet.store().dkim(), "dkim-at-rest-secret");
        byte[] signed = signer.sign(outgoing);
        assertThat(new String(signed, java.nio.charset.StandardCharsets.US_ASCII)).startsWith("DKIM-Signature: ")
                .contains("d=gannet.test; s=mail;");

        String python = PythonModules.require("dkim", "python3-dkim");
        Path script = PythonModules.script("dkim_verify.py", dir);
        Path eml = dir.resolve("signed.eml");
        Files.write(eml, signed);
        String out = PythonModules.run(python, List.of(script.toString(), txt, eml.toString()));
        assertThat(out.strip()).isEqualTo(eml + " ok");
        api().delete("/dkim/" + created.json().get("id").asText(), "root-token");
    }
}
