package dev.gannet.api;

import dev.gannet.api.auth.TokenStore;
import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestSecrets;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operator access tokens from {@code api.operatorTokens}, configured as SHA-256 hashes: a root operator does what
 * the root token does, a read-only operator reads and is refused every write, a token that is no operator's is 401,
 * and the single {@code api.accessToken} keeps working beside them.
 */
class OperatorTokensTest {

    private static final String ADMIN = TestSecrets.register("operator-admin-token-1");
    private static final String AUDITOR = TestSecrets.register("operator-auditor-token-2");
    private static final String ROOT = TestSecrets.register("root-token-beside-operators");

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api")
            .set(Settings.API_ACCESS_TOKEN, ROOT)
            .set(Settings.API_OPERATOR_TOKENS, List.of("alice:root:sha256:" + TokenStore.hash(ADMIN),
                    "audit:read-only:sha256:" + TokenStore.hash(AUDITOR).toUpperCase()))
            .build();

    private ApiClient api() {
        return new ApiClient(gannet.port("api"));
    }

    @Test
    void rootOperatorsWriteReadOnlyOperatorsOnlyRead() {
        TestUser u = gannet.createUser();
        ApiClient.Response created = api().post("/users", ADMIN, "{\"username\":\"made-by-operator\",\"password\":\"pw-op-made\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(api().get("/users/" + u.id(), AUDITOR).status()).isEqualTo(200);
        assertThat(api().get("/users", AUDITOR).status()).isEqualTo(200);
        assertThat(api().get("/users/" + u.id() + "/mailboxes", AUDITOR).status()).isEqualTo(200);
        ApiClient.Response write = api().put("/users/" + u.id(), AUDITOR, "{\"name\":\"x\"}");
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.body()).contains("read-only");
        assertThat(api().post("/users", AUDITOR, "{\"username\":\"nope-op\",\"password\":\"pw-nope\"}").status()).isEqualTo(403);
        assertThat(api().delete("/users/" + u.id(), AUDITOR).status()).isEqualTo(403);
        assertThat(api().post("/users/" + u.id() + "/asps", AUDITOR, "{\"description\":\"x\"}").status()).isEqualTo(403);
        assertThat(api().put("/users/" + u.id(), ROOT, "{\"name\":\"Still root\"}").status()).isEqualTo(200);
        assertThat(api().get("/users/" + u.id(), "operator-nobody-token").status()).isEqualTo(401);
        assertThat(api().get("/users/" + u.id(), TokenStore.hash(ADMIN)).status()).as("the hash is no token").isEqualTo(401);
    }
}
