package dev.gannet.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gannet.core.config.Settings;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.Resolution;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AddressMailboxApiTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api")
            .set(Settings.API_ACCESS_TOKEN, "root-token").build();

    private ApiClient api() {
        return new ApiClient(gannet.port("api"));
    }

    @Test
    void addressesAddListSetMainDeleteAndWildcard() {
        TestUser u = gannet.createUser();
        String base = "/users/" + u.id() + "/addresses";
        ApiClient.Response added = api().post(base, "root-token", "{\"address\":\"Second@Example.COM\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.json().get("id").asText()).isEqualTo("Second@example.com");
        assertThat(api().post(base, "root-token", "{\"address\":\"*@wild.example\"}").status()).isEqualTo(400);
        assertThat(api().post(base, "root-token", "{\"address\":\"*@wild.example\",\"allowWildcard\":true}").status())
                .isEqualTo(200);
        Resolution r = gannet.store().addresses().resolve(EmailAddress.parse("anyone@wild.example")).block(Duration.ofSeconds(5));
        assertThat(r.user()).isEqualTo(u.id());
        assertThat(api().post(base, "root-token", "{\"address\":\"no-at-sign\"}").json().get("error").asText())
                .startsWith("address");

        JsonNode list = api().get(base, "root-token").json().get("results");
        List<String> addrs = new ArrayList<>();
        list.forEach(a -> addrs.add(a.get("address").asText() + (a.get("main").asBoolean() ? " main" : "")));
        assertThat(addrs).containsExactlyInAnyOrder(u.address() + " main", "Second@example.com", "*@wild.example");

        assertThat(api().put(base + "/second@example.com", "root-token", "{\"main\":true}").status()).isEqualTo(200);
        assertThat(api().get("/users/" + u.id(), "root-token").json().get("address").asText()).isEqualTo("Second@example.com");
        ApiClient.Response delMain = api().delete(base + "/Second@example.com", "root-token");
        assertThat(delMain.status()).isEqualTo(400);
        assertThat(api().delete(base + "/" + u.address(), "root-token").status()).isEqualTo(200);
        assertThat(api().delete(base + "/" + u.address(), "root-token").status()).isEqualTo(404);
        assertThat(api().delete(base + "/*@wild.example", "root-token").status()).isEqualTo(200);
        assertThat(api().get(base, "root-token").json().get("results")).hasSize(1);
    }

    @Test
    void anotherUsersAddressIsNotFound() {
        TestUser a = gannet.createUser();
        TestUser b = gannet.createUser();
        assertThat(api().delete("/users/" + a.id() + "/addresses/" + b.address(), "root-token").status()).isEqualTo(404);
        assertThat(api().put("/users/" + a.id() + "/addresses/" + b.address(), "root-token", "{\"main\":true}").status())
                .isEqualTo(404);
    }

    @Test
    void mailboxesListCreateRenameSubscribeDelete() {
        TestUser u = gannet.createUser();
        String base = "/users/" + u.id() + "/mailboxes";
        JsonNode list = api().get(base, "root-token").json().get("results");
        List<String> paths = new ArrayList<>();
        list.forEach(m -> paths.add(m.get("path").asText()));
        assertThat(paths).contains("INBOX", "Sent", "Trash", "Junk", "Drafts");
        JsonNode inbox = list.get(paths.indexOf("INBOX"));
        assertThat(inbox.get("total").asLong()).isZero();
        assertThat(inbox.get("unseen").asLong()).isZero();
        assertThat(inbox.get("size").asLong()).isZero();
        JsonNode sent = list.get(paths.indexOf("Sent"));
        assertThat(sent.get("specialUse").asText()).isEqualTo("\\Sent");
        assertThat(api().get(base + "?specialUse=true", "root-token").json().get("results")).hasSize(list.size() - 1);

        ApiClient.Response created = api().post(base, "root-token", "{\"path\":\"Projects/Gannet\",\"specialUse\":\"\\\\Flagged\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.json().get("id").asText();
        JsonNode one = api().get(base + "/" + id, "root-token").json();
        assertThat(one.get("path").asText()).isEqualTo("Projects/Gannet");
        assertThat(one.get("name").asText()).isEqualTo("Gannet");
        assertThat(one.get("specialUse").asText()).isEqualTo("\\Flagged");
        assertThat(api().post(base, "root-token", "{\"path\":\"Projects/Gannet\"}").status()).isEqualTo(409);
        assertThat(api().post(base, "root-token", "{\"path\":\"bad//name\"}").status()).isEqualTo(400);
        assertThat(api().post(base, "root-token", "{\"path\":\"x\",\"specialUse\":\"\\\\Nope\"}").status()).isEqualTo(400);

        assertThat(api().put(base + "/" + id, "root-token", "{\"path\":\"Archive2\",\"subscribed\":false}").status())
                .isEqualTo(200);
        JsonNode renamed = api().get(base + "/" + id, "root-token").json();
        assertThat(renamed.get("path").asText()).isEqualTo("Archive2");
        assertThat(renamed.get("subscribed").asBoolean()).isFalse();

        assertThat(api().delete(base + "/" + inbox.get("id").asText(), "root-token").status()).isEqualTo(400);
        assertThat(api().delete(base + "/" + id, "root-token").status()).isEqualTo(200);
        assertThat(api().get(base + "/" + id, "root-token").status()).isEqualTo(404);
    }
}
