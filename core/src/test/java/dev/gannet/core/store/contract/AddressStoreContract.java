package dev.gannet.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.AddressEntry;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.Resolution;
import dev.gannet.core.store.User;
import org.junit.jupiter.api.Test;

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
}
