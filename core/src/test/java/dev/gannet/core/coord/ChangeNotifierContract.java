package dev.gannet.core.coord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bell's contract, run by every {@link ChangeNotifier}: delivery across nodes, per user, to all. */
interface ChangeNotifierContract extends CoordinationNodes {

    private ChangeSubscription subscribe(Coordination node, String userId) {
        return node.notifier().subscribe(userId).block(Recorder.PATIENCE);
    }

    @Test
    default void changePublishedOnOneNodeReachesSubscriberOnAnother() {
        String user = unique("u");
        try (ChangeSubscription sub = subscribe(node2(), user)) {
            Recorder<MailboxChange> seen = Recorder.of(sub.changes());
            node1().notifier().publish(user, "mb1", 7).block(Recorder.PATIENCE);
            assertThat(seen.awaitItems(1)).containsExactly(new MailboxChange(user, "mb1", 7));
        }
    }

    @Test
    default void changesPublishedBeforeReadingAreBuffered() {
        String user = unique("u");
        try (ChangeSubscription sub = subscribe(node2(), user)) {
            node1().notifier().publish(user, "mb1", 1).block(Recorder.PATIENCE);
            node1().notifier().publish(user, "mb1", 2).block(Recorder.PATIENCE);
            Recorder.sleep(200);
            assertThat(Recorder.of(sub.changes()).awaitItems(2)).extracting(MailboxChange::modseq).containsExactly(1L, 2L);
        }
    }

    @Test
    default void subscriberHearsOnlyItsOwnUser() {
        String me = unique("u");
        String other = unique("u");
        try (ChangeSubscription sub = subscribe(node2(), me)) {
            Recorder<MailboxChange> seen = Recorder.of(sub.changes());
            node1().notifier().publish(other, "theirs", 1).block(Recorder.PATIENCE);
            node1().notifier().publish(me, "mine", 2).block(Recorder.PATIENCE);
            assertThat(seen.awaitItems(1).get(0)).isEqualTo(new MailboxChange(me, "mine", 2));
        }
    }

    @Test
    default void subscribeAllHearsEveryUser() {
        String a = unique("u");
        String b = unique("u");
        try (ChangeSubscription sub = node2().notifier().subscribeAll().block(Recorder.PATIENCE);
             ChangeSubscription alsoA = subscribe(node2(), a)) {
            Recorder<MailboxChange> seen = Recorder.of(sub.changes());
            node1().notifier().publish(a, "x", 1).block(Recorder.PATIENCE);
            node1().notifier().publish(b, "y", 2).block(Recorder.PATIENCE);
            // Other tests may publish concurrently on a shared backend, so look only at our users.
            Recorder.eventually(() -> seen.items().stream().filter(c -> c.userId().equals(a) || c.userId().equals(b)).count() >= 2,
                    "changes of both users");
            assertThat(seen.items()).filteredOn(c -> c.userId().equals(a) || c.userId().equals(b))
                    .containsExactly(new MailboxChange(a, "x", 1), new MailboxChange(b, "y", 2));
            assertThat(Recorder.of(alsoA.changes()).awaitItems(1)).containsExactly(new MailboxChange(a, "x", 1));
        }
    }

    @Test
    default void closingOneListenerLeavesTheOthersOfTheSameUser() {
        String user = unique("u");
        ChangeSubscription first = subscribe(node2(), user);
        try (ChangeSubscription second = subscribe(node2(), user)) {
            Recorder<MailboxChange> one = Recorder.of(first.changes());
            Recorder<MailboxChange> two = Recorder.of(second.changes());
            node1().notifier().publish(user, "mb", 1).block(Recorder.PATIENCE);
            one.awaitItems(1);
            two.awaitItems(1);

            first.close();
            assertThat(one.awaitDone()).as("closed subscription completes").isTrue();
            node1().notifier().publish(user, "mb", 2).block(Recorder.PATIENCE);
            assertThat(two.awaitItems(2)).extracting(MailboxChange::modseq).containsExactly(1L, 2L);
            assertThat(one.items()).hasSize(1);
        }
    }

    @Test
    default void resubscribingAfterTheLastListenerLeftWorks() {
        String user = unique("u");
        subscribe(node2(), user).close();
        try (ChangeSubscription again = subscribe(node2(), user)) {
            Recorder<MailboxChange> seen = Recorder.of(again.changes());
            node1().notifier().publish(user, "mb", 3).block(Recorder.PATIENCE);
            assertThat(seen.awaitItems(1)).containsExactly(new MailboxChange(user, "mb", 3));
        }
    }

    @Test
    default void plainFluxFiltersByMailbox() {
        String user = unique("u");
        Recorder<MailboxChange> seen = Recorder.of(node2().notifier().changes(user, Set.of("inbox", "sent")));
        try {
            // The plain Flux goes live asynchronously; a bell may be rung again, so ring until heard.
            long modseq = 0;
            while (seen.items().isEmpty() && modseq < 400) {
                node1().notifier().publish(user, "junk", ++modseq).block(Recorder.PATIENCE);
                node1().notifier().publish(user, "inbox", ++modseq).block(Recorder.PATIENCE);
                Recorder.sleep(25);
            }
            assertThat(seen.awaitItems(1)).allSatisfy(c -> assertThat(c.mailboxId()).isEqualTo("inbox"));
        } finally {
            seen.cancel();
        }
    }

    @Test
    default void closingTheNodeEndsItsSubscriptions() {
        Coordination node = newNode();
        ChangeSubscription sub = node.notifier().subscribe(unique("u")).block(Recorder.PATIENCE);
        Recorder<MailboxChange> seen = Recorder.of(sub.changes());
        node.close();
        assertThat(seen.awaitDone()).isTrue();
        assertThatThrownBy(() -> node.notifier().subscribe("someone").block(Recorder.PATIENCE))
                .isInstanceOf(IllegalStateException.class);
    }
}
