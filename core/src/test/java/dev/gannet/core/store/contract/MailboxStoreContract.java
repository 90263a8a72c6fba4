package dev.gannet.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.User;
import dev.gannet.core.store.UserEvent;
import dev.gannet.core.testing.Messages;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract of {@link dev.gannet.core.store.MailboxStore}. */
public interface MailboxStoreContract extends StoreContract {

    @Test
    default void createGetAndDuplicates() {
        User u = fixture().newUser();
        Mailbox m = store().mailboxes().create(u.id(), MailboxName.of("a/b/c")).block();
        assertThat(m.uidNext()).isEqualTo(1);
        assertThat(m.highestModseq().value()).isZero();
        assertThat(store().mailboxes().get(u.id(), MailboxName.of("a")).blockOptional()).isEmpty();
        assertThatThrownBy(() -> store().mailboxes().create(u.id(), MailboxName.of("a/b/c")).block())
                .isInstanceOf(GannetException.AlreadyExists.class);
        assertThatThrownBy(() -> store().mailboxes().create(u.id(), MailboxName.of("inbox")).block())
                .isInstanceOf(GannetException.AlreadyExists.class);
        assertThat(store().mailboxes().get(u.id(), MailboxName.of("Inbox")).block().name().path()).isEqualTo("INBOX");
        assertThat(store().mailboxes().byId(m.id()).block().name()).isEqualTo(MailboxName.of("a/b/c"));
    }

    @Test
    default void recentIsClaimedOnceEvenConcurrently() {
        User u = fixture().newUser();
        Mailbox m = store().mailboxes().create(u.id(), MailboxName.of("r")).block();
        assertThat(store().mailboxes().claimRecent(m.id(), 0).block()).isZero();
        assertThat(store().mailboxes().claimRecent(m.id(), 5).block()).isZero();
        assertThat(store().mailboxes().claimRecent(m.id(), 3).block()).isEqualTo(5);
        assertThat(store().mailboxes().claimRecent(m.id(), 0).block()).isEqualTo(5);
        java.util.List<long[]> claims = reactor.core.publisher.Flux.range(6, 40)
                .flatMap(i -> store().mailboxes().claimRecent(m.id(), i).map(b -> new long[] {b, i}), 8)
                .collectList().block();
        int[] owners = new int[46];
        for (long[] c : claims) {
            for (long uid = c[0] + 1; uid <= c[1]; uid++) {
                owners[(int) uid]++;
            }
        }
        for (int uid = 6; uid <= 45; uid++) {
            assertThat(owners[uid]).as("claims of uid %d", uid).isEqualTo(1);
        }
        assertThat(store().mailboxes().claimRecent(m.id(), 0).block()).isEqualTo(45);
    }

    @Test
    default void renameMovesChildren() {
        User u = fixture().newUser();
        Mailbox parent = store().mailboxes().create(u.id(), MailboxName.of("p")).block();
        Mailbox child = store().mailboxes().create(u.id(), MailboxName.of("p/c")).block();
        store().mailboxes().create(u.id(), MailboxName.of("pp")).block();
        store().mailboxes().rename(u.id(), MailboxName.of("p"), MailboxName.of("q/r")).block();
        assertThat(store().mailboxes().get(u.id(), MailboxName.of("q/r")).block().id()).isEqualTo(parent.id());
        Mailbox movedChild = store().mailboxes().get(u.id(), MailboxName.of("q/r/c")).block();
        assertThat(movedChild.id()).isEqualTo(child.id());
        assertThat(movedChild.uidValidity()).isEqualTo(child.uidValidity());
        assertThat(store().mailboxes().get(u.id(), MailboxName.of("pp")).block()).isNotNull();
        assertThatThrownBy(() -> store().mailboxes().rename(u.id(), MailboxName.of("q/r"), MailboxName.of("pp")).block())
                .isInstanceOf(GannetException.AlreadyExists.class);
        assertThatThrownBy(() -> store().mailboxes().rename(u.id(), MailboxName.INBOX, MailboxName.of("x")).block())
                .isInstanceOf(GannetException.Invalid.class);
    }

    @Test
    default void inboxRenameMovesMessagesAndLeavesInboxEmpty() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        append(u, inbox, Messages.simple("one", "1"), Flags.NONE);
        append(u, inbox, Messages.simple("two", "2"), Flags.NONE);
        Mailbox old = store().mailboxes().renameInbox(u.id(), MailboxName.of("Old")).block();
        assertThat(old.messages()).isEqualTo(2);
        Mailbox after = mailbox(u, "INBOX");
        assertThat(after.messages()).isZero();
        assertThat(after.id()).isEqualTo(inbox.id());
        assertThat(store().messages().uids(inbox.id()).block()).isEmpty();
        assertThat(store().messages().uids(old.id()).block()).containsExactly(1, 2);
    }

    @Test
    default void deleteAndRecreateChangesUidValidity() {
        User u = fixture().newUser();
        Mailbox first = store().mailboxes().create(u.id(), MailboxName.of("temp")).block();
        append(u, first, Messages.simple("x", "y"), Flags.NONE);
        long usedBefore = store().quota().get(u.id()).block().used();
        assertThat(usedBefore).isPositive();
        store().mailboxes().delete(u.id(), MailboxName.of("temp")).block();
        assertThat(store().quota().get(u.id()).block().used()).isZero();
        Mailbox again = store().mailboxes().create(u.id(), MailboxName.of("temp")).block();
        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(again.uidValidity()).isGreaterThan(first.uidValidity());
        assertThatThrownBy(() -> store().mailboxes().delete(u.id(), MailboxName.INBOX).block())
                .isInstanceOf(GannetException.Invalid.class);
        assertThatThrownBy(() -> store().mailboxes().delete(u.id(), MailboxName.of("nope")).block())
                .isInstanceOf(GannetException.NotFound.class);
    }

    @Test
    default void mailboxEventsAreJournalledPerUser() {
        User u = fixture().newUser();
        List<UserEvent> base = store().journal().userChangesSince(u.id(), 0).block();
        assertThat(base).hasSize(6).allMatch(e -> e.kind() == UserEvent.Kind.CREATED);
        long last = base.get(5).seq();
        store().mailboxes().create(u.id(), MailboxName.of("x")).block();
        store().mailboxes().rename(u.id(), MailboxName.of("x"), MailboxName.of("y")).block();
        store().mailboxes().setSubscribed(u.id(), MailboxName.of("y"), true).block();
        store().mailboxes().delete(u.id(), MailboxName.of("y")).block();
        List<UserEvent> events = store().journal().userChangesSince(u.id(), last).block();
        assertThat(events).extracting(UserEvent::kind).containsExactly(UserEvent.Kind.CREATED,
                UserEvent.Kind.RENAMED, UserEvent.Kind.SUBSCRIBED, UserEvent.Kind.DELETED);
        assertThat(events.get(1).oldName()).contains(MailboxName.of("x"));
        assertThat(events).extracting(UserEvent::seq).containsExactly(last + 1, last + 2, last + 3, last + 4);
        assertThat(fixture().rings()).anyMatch(r -> r.user().equals(u.id().value()) && r.modseq() == last + 4);
    }

    @Test
    default void userSeqIsTheLatestMailboxListEvent() {
        User u = fixture().newUser();
        List<UserEvent> base = store().journal().userChangesSince(u.id(), 0).block();
        assertThat(store().journal().userSeq(u.id()).block()).isEqualTo(base.get(base.size() - 1).seq());
        store().mailboxes().create(u.id(), MailboxName.of("n")).block();
        long seq = store().journal().userSeq(u.id()).block();
        assertThat(store().journal().userChangesSince(u.id(), seq - 1).block()).singleElement()
                .satisfies(e -> assertThat(e.name()).isEqualTo(MailboxName.of("n")));
        assertThat(store().journal().userChangesSince(u.id(), seq).block()).isEmpty();
    }
}
