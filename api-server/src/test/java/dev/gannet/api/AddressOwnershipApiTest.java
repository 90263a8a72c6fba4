package dev.gannet.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gannet.core.config.Settings;
import dev.gannet.core.store.AddressEntry;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.Resolution;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user token adds addresses only in self-service domains and only what belongs to nobody else: never
 * another user's address or a sub-address of it, a catch-all, a reserved role address, or a sub-address
 * whose untagged form is not its own. Root may do all of it. Two users racing for one address: exactly one
 * wins; a sub-address racing the delete of its untagged form never survives it.
 */
class AddressOwnershipApiTest {

    private static final String ROOT = "root-token";

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api")
            .set(Settings.API_ACCESS_TOKEN, ROOT)
            .set(Settings.API_SELF_SERVICE_DOMAINS, List.of("Self.Test"))
            .build();

    private final ApiClient api = new ApiClient(gannet.port("api"));

    private String token(TestUser u) {
        return AuthApiTest.login(api, u.username(), u.password());
    }

    private ApiClient.Response add(TestUser u, String token, String address, boolean wildcard) {
        return api.post("/users/" + u.id() + "/addresses", token,
                "{\"address\":\"" + address.replace("\"", "\\\"") + "\"" + (wildcard ? ",\"allowWildcard\":true" : "") + "}");
    }

    private void expect(ApiClient.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("code").asText()).isEqualTo(code);
        assertThat(r.json().get("error").asText()).isNotBlank();
    }

    private EmailAddress resolvedOwner(String address, TestUser expected) {
        Resolution r = gannet.store().addresses().resolve(EmailAddress.parse(address)).block(Duration.ofSeconds(10));
        assertThat(r).as(address).isNotNull();
        assertThat(r.user()).as(address).isEqualTo(expected.id());
        return r.matched();
    }

    @Test
    void userTokenIsRefusedEverythingThatBelongsToSomeoneElse() {
        TestUser bob = gannet.createUser();
        TestUser mallory = gannet.createUser();
        String bobAddress = bob.username() + "@self.test";
        assertThat(add(bob, ROOT, bobAddress, false).status()).isEqualTo(200);
        String t = token(mallory);

        expect(add(mallory, t, bobAddress, false), 409, "AlreadyExists");
        expect(add(mallory, t, bobAddress.toUpperCase(), false), 409, "AlreadyExists");
        expect(add(mallory, t, bob.username() + "+bank@self.test", false), 409, "AlreadyExists");
        expect(add(mallory, t, bob.username() + "+bank+x@SELF.test", false), 409, "AlreadyExists");
        expect(add(mallory, t, "*@self.test", true), 403, "Forbidden");
        expect(add(mallory, t, "*@self.test", false), 403, "Forbidden");
        expect(add(mallory, t, "postmaster@self.test", false), 403, "Forbidden");
        expect(add(mallory, t, "PostMaster@self.test", false), 403, "Forbidden");
        expect(add(mallory, t, "abuse+x@self.test", false), 403, "Forbidden");
        expect(add(mallory, t, "mailer-daemon@self.test", false), 403, "Forbidden");
        // a sub-address of an address nobody has yet would catch its tagged mail once someone gets it
        expect(add(mallory, t, "future+bank@self.test", false), 403, "Forbidden");
        // the quoted form names the same mailbox as bob's (RFC 5321 §4.1.2)
        expect(add(mallory, t, "\"" + bob.username() + "\"@self.test", false), 400, "InputValidationError");
        // not a self-service domain
        expect(add(mallory, t, "free@elsewhere.test", false), 403, "Forbidden");
        expect(add(mallory, t, "free2@" + mallory.address().domain(), false), 403, "Forbidden");
        // another user's id: 403 before anything is looked at
        expect(add(bob, t, "free3@self.test", false), 403, "Forbidden");

        assertThat(api.get("/users/" + mallory.id() + "/addresses", ROOT).json().get("results")).hasSize(1);
        resolvedOwner(bob.username() + "+bank@self.test", bob);
        resolvedOwner(bobAddress, bob);
    }

    @Test
    void userTokenAddsFreeAddressesAndItsOwnSubAddresses() {
        TestUser ann = gannet.createUser();
        String t = token(ann);
        String own = ann.username() + "-alias@self.test";
        assertThat(add(ann, t, own, false).status()).isEqualTo(200);
        assertThat(add(ann, t, ann.username() + "-alias+news@self.test", false).status()).isEqualTo(200);
        expect(add(ann, t, own, false), 409, "AlreadyExists");
        assertThat(resolvedOwner(ann.username() + "-alias+news@self.test", ann).toString()).endsWith("+news@self.test");
        assertThat(resolvedOwner(ann.username() + "-alias+other@self.test", ann).toString()).isEqualTo(own);

        // deleting the untagged address takes its sub-addresses with it, so none is left for the next owner
        assertThat(api.delete("/users/" + ann.id() + "/addresses/" + own, t).status()).isEqualTo(200);
        List<String> left = new ArrayList<>();
        api.get("/users/" + ann.id() + "/addresses", t).json().get("results").forEach(a -> left.add(a.get("address").asText()));
        assertThat(left).containsExactly(ann.address().toString());
        assertThat(gannet.store().addresses().resolve(EmailAddress.parse(ann.username() + "-alias+news@self.test"))
                .blockOptional(Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void deletingAnAddressWhoseSubAddressIsMainIsRefused() {
        TestUser u = gannet.createUser();
        String t = token(u);
        String base = u.username() + "-b@self.test";
        assertThat(add(u, t, base, false).status()).isEqualTo(200);
        ApiClient.Response sub = api.post("/users/" + u.id() + "/addresses", t,
                "{\"address\":\"" + u.username() + "-b+main@self.test\",\"main\":true}");
        assertThat(sub.status()).as(sub.body()).isEqualTo(200);
        assertThat(api.get("/users/" + u.id(), t).json().get("address").asText()).isEqualTo(u.username() + "-b+main@self.test");
        expect(api.delete("/users/" + u.id() + "/addresses/" + base, t), 400, "InputValidationError");
        assertThat(api.get("/users/" + u.id() + "/addresses", t).json().get("results")).hasSize(3);
    }

    @Test
    void rootMayDoAllOfIt() {
        TestUser u = gannet.createUser();
        TestUser other = gannet.createUser();
        assertThat(add(other, ROOT, other.username() + "@self.test", false).status()).isEqualTo(200);
        assertThat(add(u, ROOT, "postmaster@self.test", false).status()).isEqualTo(200);
        assertThat(add(u, ROOT, "*@catchall.test", true).status()).isEqualTo(200);
        assertThat(add(u, ROOT, other.username() + "+for-u@self.test", false).status()).isEqualTo(200);
        assertThat(add(u, ROOT, "anything@not-self-service.test", false).status()).isEqualTo(200);
        assertThat(add(u, ROOT, "\"quoted\"@not-self-service.test", false).status()).isEqualTo(200);
        // resolution: exact, then the untagged form, then the catch-all
        resolvedOwner(other.username() + "+for-u@self.test", u);
        resolvedOwner(other.username() + "+else@self.test", other);
        resolvedOwner("nobody-has-this@catchall.test", u);
        assertThat(api.delete("/users/" + u.id() + "/addresses/*@catchall.test", ROOT).status()).isEqualTo(200);
        assertThat(api.delete("/users/" + u.id() + "/addresses/postmaster@self.test", ROOT).status()).isEqualTo(200);
    }

    @Test
    void twoUsersRacingForOneAddressExactlyOneWins() throws Exception {
        TestUser a = gannet.createUser();
        TestUser b = gannet.createUser();
        String ta = token(a);
        String tb = token(b);
        for (int round = 0; round < 15; round++) {
            String address = "race" + round + "-" + a.username() + "@self.test";
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Integer> fa = CompletableFuture.supplyAsync(() -> await(go, () -> add(a, ta, address, false).status()));
            CompletableFuture<Integer> fb = CompletableFuture.supplyAsync(() -> await(go, () -> add(b, tb, address, false).status()));
            go.countDown();
            List<Integer> statuses = List.of(fa.get(), fb.get());
            assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(200, 409);
            TestUser winner = statuses.get(0) == 200 ? a : b;
            AddressEntry stored = gannet.store().addresses().get(EmailAddress.parse(address)).block(Duration.ofSeconds(10));
            assertThat(stored.user()).isEqualTo(winner.id());
        }
    }

    @Test
    void aSubAddressRacingTheDeleteOfItsUntaggedFormNeverSurvivesIt() throws Exception {
        TestUser u = gannet.createUser();
        String t = token(u);
        for (int round = 0; round < 15; round++) {
            String base = u.username() + "-r" + round + "@self.test";
            String sub = u.username() + "-r" + round + "+tag@self.test";
            assertThat(add(u, t, base, false).status()).isEqualTo(200);
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Integer> adding = CompletableFuture.supplyAsync(() -> await(go, () -> add(u, t, sub, false).status()));
            CompletableFuture<Integer> deleting = CompletableFuture.supplyAsync(
                    () -> await(go, () -> api.delete("/users/" + u.id() + "/addresses/" + base, t).status()));
            go.countDown();
            assertThat(deleting.get()).isEqualTo(200);
            assertThat(adding.get()).isIn(200, 403, 409);
            assertThat(gannet.store().addresses().get(EmailAddress.parse(base)).blockOptional(Duration.ofSeconds(10))).isEmpty();
            assertThat(gannet.store().addresses().get(EmailAddress.parse(sub)).blockOptional(Duration.ofSeconds(10)))
                    .as("round " + round + ": the sub-address outlived its untagged form").isEmpty();
        }
    }

    private static <T> T await(CountDownLatch go, java.util.function.Supplier<T> work) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return work.get();
    }

    @Test
    void reservedNamesAndOpenDomainsComeFromTheSettings() {
        assertThat(gannet.config().get(Settings.API_RESERVED_LOCAL_PARTS)).contains("postmaster", "abuse", "hostmaster",
                "webmaster", "noc", "security", "mailer-daemon", "root");
        assertThat(Settings.API_SELF_SERVICE_DOMAINS.defaultValue()).isEmpty();
        JsonNode doc = api.get("/openapi.json", null).json();
        assertThat(doc.get("paths").has("/users/{user}/addresses")).isTrue();
    }
}
