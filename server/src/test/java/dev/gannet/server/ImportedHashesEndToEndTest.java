package dev.gannet.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import dev.gannet.core.config.Settings;
import dev.gannet.core.internal.embedded.EmbeddedStore;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.HashFixtures;
import dev.gannet.core.testing.HashFixtures.Fixture;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Users imported through {@code POST /users} with a hash made by WildDuck's own hashing packages (every
 * scheme: PHC PBKDF2, bcrypt, MD5/SHA-crypt, argon2) log in over IMAP and POP3 (Jakarta Mail, real
 * sockets) and through {@code POST /authenticate}; a wrong password fails on each; after the first good
 * login the stored hash is argon2id and the password still works. A hash Gannet cannot verify is a 400
 * naming {@code password} and no user is created.
 */
class ImportedHashesEndToEndTest {

    private static final String ROOT = "root-token-hashes";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedStore store;
    private static MongoClient mongo;
    private static GannetExtension gannet;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        store = EmbeddedStore.inMemory();
        mongo = MongoClients.create(store.connectionString());
        gannet = GannetExtension.builder().roles("api", "imap", "pop3")
                .set(Settings.MONGO_URI, store.connectionString())
                .set(Settings.API_ACCESS_TOKEN, ROOT)
                .set(Settings.AUTH_HASH_MEMORY_KIB, 1024).set(Settings.AUTH_HASH_ITERATIONS, 1)
                .set(Settings.IMAP_AUTH_FAILURE_DELAY, Duration.ZERO).set(Settings.IMAP_AUTH_FAILURE_LIMIT, 1000)
                .set(Settings.POP3_AUTH_FAILURE_DELAY, Duration.ZERO).set(Settings.POP3_AUTH_FAILURE_LIMIT, 1000)
                .build();
        gannet.start();
    }

    @AfterAll
    static void stop() {
        gannet.close();
        mongo.close();
        store.close();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gannet.port("api") + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("X-Access-Token", token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String createImported(String username, String hash) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("username", username).put("password", hash).put("hashedPassword", true);
        HttpResponse<String> r = send("POST", "/users", ROOT, body.toString());
        assertThat(r.statusCode()).as(username + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("id").asText();
    }

    private int authenticate(String username, String password) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("username", username).put("password", password);
        return send("POST", "/authenticate", null, body.toString()).statusCode();
    }

    private Store connect(String protocol, String username, String password) throws Exception {
        Properties p = new Properties();
        p.put("mail." + protocol + ".host", "127.0.0.1");
        p.put("mail." + protocol + ".port", Integer.toString(gannet.port(protocol)));
        p.put("mail." + protocol + ".timeout", "20000");
        p.put("mail." + protocol + ".connectiontimeout", "20000");
        Store s = Session.getInstance(p).getStore(protocol);
        s.connect(username, password);
        return s;
    }

    private void logsIn(String protocol, String username, String password) throws Exception {
        Store s = connect(protocol, username, password);
        Folder inbox = s.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        assertThat(inbox.getMessageCount()).isZero();
        inbox.close(false);
        s.close();
    }

    private String storedHash(String id) {
        Document d = Mono.from(mongo.getDatabase("gannet").getCollection("users").find(new Document("_id", id)).first())
                .block(Duration.ofSeconds(10));
        return d.getString("password");
    }

    @Test
    void everyWildDuckHashLogsInOverImapPop3AndTheApiAndIsThenRehashed() throws Exception {
        List<Fixture> fixtures = HashFixtures.all();
        int n = 0;
        for (Fixture f : fixtures) {
            n++;
            // Jakarta Mail sends IMAP LOGIN and POP3 AUTH LOGIN passwords as single bytes per char: a
            // password beyond ASCII (the UTF-8 fixture) is checked through the JSON API only
            boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(f.password());
            for (String protocol : ascii ? List.of("imap", "pop3", "api") : List.of("api")) {
                String username = "hash" + n + "-" + protocol;
                String id = createImported(username, f.hash());
                assertThat(storedHash(id)).as(f.scheme()).isEqualTo(f.hash());
                if (protocol.equals("api")) {
                    assertThat(authenticate(username, f.password() + "x")).as(f.scheme()).isEqualTo(401);
                    assertThat(authenticate(username, f.password())).as(f.scheme()).isEqualTo(200);
                } else {
                    assertThatThrownBy(() -> connect(protocol, username, f.password() + "x")).as(f.scheme() + " " + protocol)
                            .isInstanceOf(AuthenticationFailedException.class);
                    logsIn(protocol, username, f.password());
                }
                String rehashed = storedHash(id);
                assertThat(rehashed).as(f.scheme() + " " + protocol + " rehashed").startsWith("$argon2id$").isNotEqualTo(f.hash());
                // the new hash works for every protocol
                if (ascii) {
                    logsIn(protocol.equals("imap") ? "pop3" : "imap", username, f.password());
                }
                assertThat(authenticate(username, f.password())).isEqualTo(200);
                assertThat(storedHash(id)).isEqualTo(rehashed);
            }
        }
        assertThat(n).isGreaterThanOrEqualTo(14);
    }

    @Test
    void aHashGannetCannotVerifyIsRefusedAtImportNamingTheField() throws Exception {
        List<String> bad = List.of("{SSHA}c2VjcmV0", "$pbkdf2-sha256$i=100000$onlysalt", "$2b$10$tooShort",
                "$1$salt$short", "$argon2id$v=19$m=4096,t=2,p=1$bad", "plaintext", "$y$j9T$F5Jx5fExrKuPp53xLKQ..1$X3DX6M94c7o.9agCG9G317fhZg9SqC.5i5rd.RhAtQ7");
        int n = 0;
        for (String hash : bad) {
            String username = "badhash" + n++;
            ObjectNode body = JSON.createObjectNode().put("username", username).put("password", hash).put("hashedPassword", true);
            HttpResponse<String> r = send("POST", "/users", ROOT, body.toString());
            assertThat(r.statusCode()).as(hash + ": " + r.body()).isEqualTo(400);
            JsonNode error = JSON.readTree(r.body());
            assertThat(error.get("code").asText()).isEqualTo("InputValidationError");
            assertThat(error.get("error").asText()).startsWith("password: ");
            assertThat(send("GET", "/users?query=" + username, ROOT, null).body()).contains("\"total\":0");
        }
    }

    @Test
    void putWithHashedPasswordIsRootsAndCheckedTheSameWay() throws Exception {
        Fixture f = HashFixtures.all().get(0);
        String id = createImported("puthash", HashFixtures.all().get(1).hash());
        String token = JSON.readTree(send("POST", "/authenticate", null, JSON.createObjectNode().put("username", "puthash")
                .put("password", HashFixtures.all().get(1).password()).toString()).body()).get("token").asText();
        String body = JSON.createObjectNode().put("password", f.hash()).put("hashedPassword", true).toString();
        assertThat(send("PUT", "/users/" + id, token, body).statusCode()).isEqualTo(403);
        HttpResponse<String> bad = send("PUT", "/users/" + id, ROOT, JSON.createObjectNode().put("password", "$2b$99$nope")
                .put("hashedPassword", true).toString());
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("password: ");
        assertThat(send("PUT", "/users/" + id, ROOT, body).statusCode()).isEqualTo(200);
        assertThat(storedHash(id)).isEqualTo(f.hash());
        logsIn("imap", "puthash", f.password());
    }
}
