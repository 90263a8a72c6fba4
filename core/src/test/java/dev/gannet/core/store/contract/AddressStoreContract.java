package dev.gannet.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.AddressEntry;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.Resolution;
import dev.gannet.core.store.User;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Contract of {@link dev.gannet.core.store.AddressStore}. */
public interface AddressStoreContract extends StoreContract {

    @Test
    default void normalisesAndResolves() {
        User u = fixture().newUser();
        String local = "Bob.Smith" + System.nanoTime();
        store().addresses().add(u.id(), EmailAddress.parse(local + "@Bücher.Example"), false).block();
        EmailAddress asked = EmailAddress.parse(local.toLowerCase() + "@xn--bcher-kva.example");
        Resolution r = store().addresses().resolve(asked).block();
        assertThat(r.user()).isEqualTo(u.id());
        assertThat(r.kind()).isEqualTo(Resolution.Kind.EXACT);
        assertThat(r.matched().localPart()).isEqualTo(local);
        assertThat(r.matched().domain()).isEqualTo("xn--bcher-kva.example");
        Resolution tagged = store().addresses().resolve(EmailAddress.parse(local + "+news@bücher.example")).block();
        assertThat(tagged.kind()).isEqualTo(Resolution.Kind.PLUS_TAG);
        assertThat(tagged.user()).isEqualTo(u.id());
    }

    @Test
    default void addressesAreUniqueAcrossUsers() {
        User a = fixture().newUser();
        User b = fixture().newUser();
        String addr = "shared" + System.nanoTime() + "@example.com";
        store().addresses().add(a.id(), EmailAddress.parse(addr), true).block();
        assertThatThrownBy(() -> store().addresses().add(b.id(), EmailAddress.parse(addr.toUpperCase()), true).block())
                .isInstanceOf(GannetException.AlreadyExists.class);
    }

    @Test
    default void wildcardAndMain() {
        User u = fixture().newUser();
        String domain = "d" + System.nanoTime() + ".example";
        AddressEntry first = store().addresses().add(u.id(), EmailAddress.parse("first@" + domain), false).block();
        assertThat(first.main()).isTrue();
        store().addresses().add(u.id(), EmailAddress.wildcard(domain), false).block();
        store().addresses().add(u.id(), EmailAddress.parse("second@" + domain), true).block();
        assertThat(store().addresses().byUser(u.id()).filter(AddressEntry::main).collectList().block())
                .extracting(e -> e.address().localPart()).containsExactly("second");
        Resolution r = store().addresses().resolve(EmailAddress.parse("anyone@" + domain)).block();
        assertThat(r.kind()).isEqualTo(Resolution.Kind.WILDCARD);
        assertThat(store().addresses().resolve(EmailAddress.parse("x@other-" + domain)).blockOptional()).isEmpty();
        store().addresses().remove(EmailAddress.wildcard(domain)).block();
        assertThat(store().addresses().resolve(EmailAddress.parse("anyone@" + domain)).blockOptional()).isEmpty();
    }

    @Test
    default void aDomainIsHostedWhileAnyAddressIsInIt() {
        User u = fixture().newUser();
        String domain = "h" + System.nanoTime() + ".example";
        assertThat(store().addresses().hostsDomain(domain).block()).isFalse();
        store().addresses().add(u.id(), EmailAddress.parse("one@" + domain), false).block();
        store().addresses().add(u.id(), EmailAddress.wildcard(domain), false).block();
        assertThat(store().addresses().hostsDomain(domain.toUpperCase()).block()).isTrue();
        assertThat(store().addresses().hostsDomain("sub." + domain).block()).isFalse();
        store().addresses().remove(EmailAddress.parse("one@" + domain)).block();
        assertThat(store().addresses().hostsDomain(domain).block()).as("the catch-all is left").isTrue();
        store().addresses().remove(EmailAddress.wildcard(domain)).block();
        assertThat(store().addresses().hostsDomain(domain).block()).isFalse();
        assertThat(store().addresses().hostsDomain("not a domain").block()).isFalse();
        assertThat(store().addresses().hostsDomain("").block()).isFalse();
    }

    @Test
    default void subAddressesOnlyUnderTheUsersOwnAddressAndRemovedWithIt() {
        User a = fixture().newUser();
        User b = fixture().newUser();
        String n = "sub" + System.nanoTime();
        EmailAddress base = EmailAddress.parse(n + "@example.com");
        EmailAddress tagged = EmailAddress.parse(n + "+Tag@example.com");
        assertThatThrownBy(() -> store().addresses().addSubAddress(a.id(), tagged, false).block())
                .isInstanceOf(GannetException.Conflict.class);
        store().addresses().add(a.id(), base, false).block();
        assertThatThrownBy(() -> store().addresses().addSubAddress(b.id(), tagged, false).block())
                .isInstanceOf(GannetException.Conflict.class);
        assertThatThrownBy(() -> store().addresses().addSubAddress(a.id(), base, false).block())
                .isInstanceOf(GannetException.Invalid.class);
        AddressEntry e = store().addresses().addSubAddress(a.id(), tagged, false).block();
        assertThat(e.user()).isEqualTo(a.id());
        assertThat(store().addresses().get(EmailAddress.parse(n + "+tag@EXAMPLE.com")).block().user()).isEqualTo(a.id());
        assertThatThrownBy(() -> store().addresses().addSubAddress(a.id(), tagged, false).block())
                .isInstanceOf(GannetException.AlreadyExists.class);
        // another user's exact sub-address (root's doing) is not removed with a's untagged address
        EmailAddress othersTag = EmailAddress.parse(n + "+b@example.com");
        store().addresses().add(b.id(), othersTag, false).block();
        store().addresses().remove(base).block();
        assertThat(store().addresses().get(tagged).blockOptional()).isEmpty();
        assertThat(store().addresses().get(othersTag).block().user()).isEqualTo(b.id());
        assertThatThrownBy(() -> store().addresses().remove(base).block()).isInstanceOf(GannetException.NotFound.class);
    }

    /** Racing the insert of a sub-address with the delete of its untagged form never leaves the sub-address behind. */
    @Test
    default void subAddressNeverOutlivesItsUntaggedFormUnderConcurrency() throws Exception {
        User a = fixture().newUser();
        for (int round = 0; round < 30; round++) {
            String n = "race" + round + "x" + System.nanoTime();
            EmailAddress base = EmailAddress.parse(n + "@example.com");
            EmailAddress tagged = EmailAddress.parse(n + "+t@example.com");
            store().addresses().add(a.id(), base, false).block();
            CompletableFuture<Object> adding = store().addresses().addSubAddress(a.id(), tagged, false)
                    .cast(Object.class).onErrorResume(GannetException.Conflict.class, x -> Mono.just("conflict")).toFuture();
            CompletableFuture<Void> removing = store().addresses().remove(base).toFuture();
            CompletableFuture.allOf(adding, removing).get();
            assertThat(store().addresses().get(base).blockOptional(Duration.ofSeconds(10))).isEmpty();
            assertThat(store().addresses().get(tagged).blockOptional(Duration.ofSeconds(10))).as("round " + round).isEmpty();
        }
        List<AddressEntry> left = store().addresses().byUser(a.id()).collectList().block();
        assertThat(left).allMatch(x -> !x.address().localPart().startsWith("race"));
    }
}
