package dev.gannet.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.NewUser;
import dev.gannet.core.store.SpecialUse;
import dev.gannet.core.store.User;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Contract of {@link dev.gannet.core.store.UserStore}. */
public interface UserStoreContract extends StoreContract {

    @Test
    default void createsUserWithDefaultMailboxes() {
        User u = fixture().newUser();
        List<Mailbox> boxes = store().mailboxes().list(u.id()).collectList().block();
        assertThat(boxes).extracting(m -> m.name().path())
                .containsExactly("Archive", "Drafts", "INBOX", "Junk", "Sent", "Trash");
        assertThat(boxes).filteredOn(m -> m.name().path().equals("Sent")).first()
                .extracting(Mailbox::specialUse).isEqualTo(Optional.of(SpecialUse.SENT));
        assertThat(boxes).allMatch(Mailbox::subscribed).allMatch(m -> m.uidValidity() > 0);
        assertThat(boxes.stream().map(Mailbox::uidValidity).distinct().count()).isEqualTo(6);
    }

    @Test
    default void usernamesAreUniqueIgnoringCase() {
        User u = fixture().newUser();
        assertThatThrownBy(() -> store().users().create(NewUser.withPassword(u.username().toUpperCase(), "x")).block())
                .isInstanceOf(GannetException.AlreadyExists.class);
        assertThat(store().users().byUsername(u.username().toUpperCase()).block().id()).isEqualTo(u.id());
    }

    @Test
    default void pagesUsersByLowerCasedNameAndPrefix() {
        String base = "pg" + System.nanoTime() + "-";
        for (String n : List.of("Carl", "anna", "Bert", "dora", "Ann2")) {
            store().users().create(NewUser.withPassword(base + n, "x")).block();
        }
        store().users().create(NewUser.withPassword("other" + System.nanoTime(), "x")).block();
        List<String> first = store().users().page(base.toUpperCase(), null, 2).map(User::username).collectList().block();
        assertThat(first).containsExactly(base + "Ann2", base + "anna");
        String after = first.get(1).toLowerCase();
        assertThat(store().users().page(base, after, 10).map(User::username).collectList().block())
                .containsExactly(base + "Bert", base + "Carl", base + "dora");
        assertThat(store().users().page(base + "a", null, 10).collectList().block()).hasSize(2);
        assertThat(store().users().count(base).block()).isEqualTo(5);
        assertThat(store().users().count("").block()).isGreaterThanOrEqualTo(6);
        assertThat(store().users().page("", null, 3).collectList().block()).hasSize(3);
    }

    @Test
    default void authenticates() {
        User u = fixture().newUser();
        assertThat(store().users().authenticate(u.username().toUpperCase(), "secret").block().id()).isEqualTo(u.id());
        assertThatThrownBy(() -> store().users().authenticate(u.username(), "wrong").block())
                .isInstanceOf(GannetException.AuthFailed.class);
        assertThatThrownBy(() -> store().users().authenticate("nobody-" + System.nanoTime(), "secret").block())
                .isInstanceOf(GannetException.AuthFailed.class);
        store().users().setDisabled(u.id(), true).block();
        assertThatThrownBy(() -> store().users().authenticate(u.username(), "secret").block())
                .isInstanceOf(GannetException.AuthFailed.class);
    }

    @Test
    default void importedBcryptHashAuthenticatesAndIsUpgraded() {
        String name = "imported" + System.nanoTime();
        store().users().create(new NewUser(name, null, "{BLF-CRYPT}$2b$04$abcdefghijklmnopqrstuu2r9OfJnfCsdneAXAGHnS4UpFFP8WIrW",
                "Imported", 0)).block();
        assertThat(store().users().authenticate(name, "secret").block().displayName()).isEqualTo("Imported");
        assertThat(store().users().authenticate(name, "secret").block()).isNotNull();
        assertThatThrownBy(() -> store().users().authenticate(name, "Secret").block())
                .isInstanceOf(GannetException.AuthFailed.class);
    }

    @Test
    default void newUserHidesPasswordInToString() {
        assertThat(NewUser.withPassword("a", "hunter2").toString()).doesNotContain("hunter2");
    }

    @Test
    default void deleteRemovesEverything() {
        User u = fixture().newUser();
        store().addresses().add(u.id(), EmailAddress.parse(u.username() + "@example.com"), true).block();
        append(u, mailbox(u, "INBOX"), dev.gannet.core.testing.Messages.simple("x", "y"), dev.gannet.core.store.Flags.NONE);
        store().users().delete(u.id()).block();
        assertThat(store().users().get(u.id()).blockOptional()).isEmpty();
        assertThat(store().mailboxes().list(u.id()).collectList().block()).isEmpty();
        assertThat(store().addresses().byUser(u.id()).collectList().block()).isEmpty();
        assertThat(store().addresses().resolve(EmailAddress.parse(u.username() + "@example.com")).blockOptional()).isEmpty();
    }
}
