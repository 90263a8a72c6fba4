package dev.gannet.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gannet.core.config.Settings;
import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.User;
import dev.gannet.core.store.UserId;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.Messages;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UserApiTest {

    /** PHP manual's password_verify example: bcrypt $2y$ of "rasmuslerdorf". */
    static final String BCRYPT_2Y = "$2y$07$BCryptRequires22Chrcte/VlQH0piJtjXl.0t1XkA8pw9dMXTpOq";
    /** openssl passwd -6 -salt abcdefgh hunter2 */
    static final String SHA512_CRYPT = "$6$abcdefgh$M/eYsB4rVXAm3ZNc88J.UD9rCKAT6FB1rahiwJCHtEndQNORCub5qhjxn50qbqVVthkM.9HpEwtf0t.iV9uH0/";

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api")
            .set(Settings.API_ACCESS_TOKEN, "root-token").build();


    private ApiClient api() {
        return new ApiClient(gannet.port("api"));
    }

    private String create(String json) {
        ApiClient.Response r = api().post("/users", "root-token", json);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("success").asBoolean()).isTrue();
        return r.json().get("id").asText();
    }

    @Test
    void createWithPasswordAddressNameAndQuotaThenGet() {
        String id = create("{\"username\":\"carol\",\"password\":\"pw1\",\"address\":\"carol@example.org\","
                + "\"name\":\"Carol C\",\"quota\":1048576}");
        JsonNode u = api().get("/users/" + id, "root-token").json();
        assertThat(u.get("username").asText()).isEqualTo("carol");
        assertThat(u.get("name").asText()).isEqualTo("Carol C");
        assertThat(u.get("address").asText()).isEqualTo("carol@example.org");
        assertThat(u.get("limits").get("quota").get("allowed").asLong()).isEqualTo(1048576);
        assertThat(u.get("limits").get("quota").get("used").asLong()).isZero();
        assertThat(u.get("disabled").asBoolean()).isFalse();
        User authed = gannet.store().users().authenticate("carol", "pw1").block(Duration.ofSeconds(10));
        assertThat(authed.id().value()).isEqualTo(id);
        assertThat(api().post("/users", "root-token", "{\"username\":\"CAROL\",\"password\":\"x\"}").status()).isEqualTo(409);
        ApiClient.Response taken = api().post("/users", "root-token",
                "{\"username\":\"carol2\",\"password\":\"x\",\"address\":\"Carol@example.org\"}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(gannet.store().users().byUsername("carol2").blockOptional()).isEmpty();
    }

    @Test
    void importedBcrypt2yAndSha512CryptHashesAuthenticate() {
        String a = create("{\"username\":\"imported-bcrypt\",\"password\":\"" + BCRYPT_2Y + "\",\"hashedPassword\":true}");
        String b = create("{\"username\":\"imported-sha\",\"password\":\"" + SHA512_CRYPT + "\",\"hashedPassword\":true}");
        assertThat(gannet.store().users().authenticate("imported-bcrypt", "rasmuslerdorf").block(Duration.ofSeconds(10))
                .id().value()).isEqualTo(a);
        ApiClient.Response r = api().post("/authenticate", null, "{\"username\":\"imported-sha\",\"password\":\"hunter2\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("id").asText()).isEqualTo(b);
        assertThat(api().post("/authenticate", null,
                "{\"username\":\"imported-sha\",\"password\":\"hunter3\"}").status()).isEqualTo(401);
        // rehashed on the successful login above: the password still works
        assertThat(gannet.store().users().authenticate("imported-sha", "hunter2").block(Duration.ofSeconds(10))).isNotNull();
    }

    @Test
    void listSearchesAndPagesWithACursor() {
        for (int i = 0; i < 5; i++) {
            create("{\"username\":\"pager" + i + "\",\"password\":\"x\"}");
        }
        List<String> names = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = api().get("/users?query=PAGER&limit=2" + (next == null ? "" : "&next=" + next), "root-token").json();
            assertThat(page.get("total").asLong()).isEqualTo(5);
            page.get("results").forEach(n -> names.add(n.get("username").asText()));
            next = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (next != null);
        assertThat(names).containsExactly("pager0", "pager1", "pager2", "pager3", "pager4");
        assertThat(pages).isEqualTo(3);
        assertThat(api().get("/users?next=garbage!", "root-token").status()).isEqualTo(400);
        assertThat(api().get("/users?limit=0", "root-token").status()).isEqualTo(400);
        assertThat(api().get("/users?limit=abc", "root-token").json().get("error").asText()).contains("limit");
    }

    @Test
    void updateNamePasswordQuotaDisabled() {
        TestUser u = gannet.createUser();
        String path = "/users/" + u.id();
        assertThat(api().put(path, "root-token",
                "{\"name\":\"New\",\"password\":\"changed-pw-4711\",\"quota\":5000,\"disabled\":false}").status()).isEqualTo(200);
        JsonNode j = api().get(path, "root-token").json();
        assertThat(j.get("name").asText()).isEqualTo("New");
        assertThat(j.get("limits").get("quota").get("allowed").asLong()).isEqualTo(5000);
        assertThat(gannet.store().users().authenticate(u.username(), "changed-pw-4711").block(Duration.ofSeconds(10))).isNotNull();
        assertThat(api().put(path, "root-token", "{\"disabled\":true}").status()).isEqualTo(200);
        assertThat(api().get(path, "root-token").json().get("disabled").asBoolean()).isTrue();
        assertThat(api().put("/users/nosuchuser", "root-token", "{\"name\":\"x\"}").status()).isEqualTo(404);
        assertThat(api().get("/users/bad%20id", "root-token").status()).isEqualTo(404);
    }

    @Test
    void deleteAnswers202AndRemovesTheUserInTheBackground() {
        TestUser u = gannet.createUser();
        Mailbox inbox = gannet.mailbox(u, "INBOX");
        gannet.store().messages().append(new AppendRequest(u.id(), inbox.id(), MessageSource.of(Messages.simple("s", "b")),
                Flags.NONE, null, AppendRequest.Origin.INTERNAL)).block(Duration.ofSeconds(30));
        ApiClient.Response r = api().delete("/users/" + u.id(), "root-token");
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json().get("id").asText()).isEqualTo(u.id().value());
        UserId id = u.id();
        while (gannet.store().users().get(id).blockOptional(Duration.ofSeconds(10)).isPresent()) {
            Thread.onSpinWait();
        }
        assertThat(api().get("/users/" + id, "root-token").status()).isEqualTo(404);
        assertThat(gannet.store().mailboxes().byId(inbox.id()).blockOptional(Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void quotaUsageAndRecount() {
        TestUser u = gannet.createUser("quota-user", 100_000);
        Mailbox inbox = gannet.mailbox(u, "INBOX");
        byte[] msg = Messages.simple("q", "quota body");
        gannet.store().messages().append(new AppendRequest(u.id(), inbox.id(), MessageSource.of(msg),
                Flags.NONE, null, AppendRequest.Origin.INTERNAL)).block(Duration.ofSeconds(30));
        JsonNode q = api().get("/users/" + u.id() + "/quota", "root-token").json();
        assertThat(q.get("allowed").asLong()).isEqualTo(100_000);
        assertThat(q.get("used").asLong()).isEqualTo(msg.length);
        JsonNode reset = api().post("/users/" + u.id() + "/quota/reset", "root-token", "").json();
        assertThat(reset.get("storageUsed").asLong()).isEqualTo(msg.length);
        assertThat(reset.get("previousStorageUsed").asLong()).isEqualTo(msg.length);
    }
}
