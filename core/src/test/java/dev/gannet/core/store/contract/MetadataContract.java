package dev.gannet.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxId;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.MetadataEntry;
import dev.gannet.core.store.MetadataStore;
import dev.gannet.core.store.MetadataStore.SetResult;
import dev.gannet.core.store.SpecialUse;
import dev.gannet.core.store.User;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * METADATA entries (RFC 5464): server and mailbox entries kept apart and per user, subtrees by depth, entries
 * that follow a rename and go with a delete, and an entry limit that holds when sessions race. Also the rule of
 * one mailbox per special use that CREATE-SPECIAL-USE (RFC 6154 §3) relies on.
 */
public interface MetadataContract extends StoreContract {

    Duration WAIT = Duration.ofSeconds(30);
    Optional<MailboxId> SERVER = Optional.empty();

    private MetadataStore md() {
        return store().metadata();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> names(User u, Optional<MailboxId> box, String entry, int depth) {
        return md().get(u.id(), box, entry, depth).map(MetadataEntry::name).collectList().block(WAIT);
    }

    @Test
    default void serverAndMailboxEntriesArePerUserAndByDepth() {
        User u = fixture().newUser();
        User other = fixture().newUser();
        Optional<MailboxId> inbox = Optional.of(mailbox(u, "INBOX").id());
        for (String e : List.of("/private/a", "/private/a/b", "/private/a/b/c", "/private/ab")) {
            assertThat(md().set(u.id(), SERVER, e, b(e), 100).block(WAIT)).isEqualTo(SetResult.SET);
        }
        assertThat(md().set(u.id(), inbox, "/private/a", b("inbox"), 100).block(WAIT)).isEqualTo(SetResult.SET);
        assertThat(names(u, SERVER, "/private/a", 0)).containsExactly("/private/a");
        assertThat(names(u, SERVER, "/private/a", 1)).containsExactly("/private/a", "/private/a/b");
        assertThat(names(u, SERVER, "/private/a", -1)).containsExactly("/private/a", "/private/a/b", "/private/a/b/c");
        assertThat(names(u, SERVER, "/private", -1)).hasSize(4);
        assertThat(new String(md().get(u.id(), inbox, "/private/a", 0).blockFirst(WAIT).value(), StandardCharsets.UTF_8))
                .isEqualTo("inbox");
        assertThat(names(other, SERVER, "/private", -1)).isEmpty();
        assertThat(md().count(u.id()).block(WAIT)).isEqualTo(5);
        md().set(u.id(), SERVER, "/private/a", b("changed"), 100).block(WAIT);
        assertThat(md().count(u.id()).block(WAIT)).isEqualTo(5);
        md().set(u.id(), SERVER, "/private/a", null, 100).block(WAIT);
        md().set(u.id(), SERVER, "/private/nothing", null, 100).block(WAIT);
        assertThat(names(u, SERVER, "/private/a", 0)).isEmpty();
        assertThat(md().count(u.id()).block(WAIT)).isEqualTo(4);
    }

    @Test
    default void entriesFollowRenameAndGoWithDelete() {
        User u = fixture().newUser();
        Mailbox box = store().mailboxes().create(u.id(), MailboxName.of("Projects")).block(WAIT);
        md().set(u.id(), Optional.of(box.id()), "/private/comment", b("mine"), 100).block(WAIT);
        Mailbox renamed = store().mailboxes().rename(u.id(), MailboxName.of("Projects"), MailboxName.of("Old")).block(WAIT);
        assertThat(names(u, Optional.of(renamed.id()), "/private/comment", 0)).containsExactly("/private/comment");
        store().mailboxes().delete(u.id(), MailboxName.of("Old")).block(WAIT);
        assertThat(names(u, Optional.of(box.id()), "/private/comment", 0)).isEmpty();
        assertThat(md().count(u.id()).block(WAIT)).isZero();
        Mailbox again = store().mailboxes().create(u.id(), MailboxName.of("Old")).block(WAIT);
        assertThat(names(u, Optional.of(again.id()), "/private", -1)).isEmpty();
    }

    @Test
    default void theLimitRefusesNewEntriesButNotChanges() {
        User u = fixture().newUser();
        assertThat(md().set(u.id(), SERVER, "/private/1", b("x"), 2).block(WAIT)).isEqualTo(SetResult.SET);
        assertThat(md().set(u.id(), SERVER, "/shared/2", b("x"), 2).block(WAIT)).isEqualTo(SetResult.SET);
        assertThat(md().set(u.id(), SERVER, "/private/3", b("x"), 2).block(WAIT)).isEqualTo(SetResult.TOO_MANY);
        assertThat(md().set(u.id(), SERVER, "/private/1", b("y"), 2).block(WAIT)).isEqualTo(SetResult.SET);
        assertThat(names(u, SERVER, "/private/3", 0)).isEmpty();
        md().set(u.id(), SERVER, "/private/1", null, 2).block(WAIT);
        assertThat(md().set(u.id(), SERVER, "/private/3", b("x"), 2).block(WAIT)).isEqualTo(SetResult.SET);
    }

    @Test
    default void racingSetsNeverPassTheLimit() {
        User u = fixture().newUser();
        int max = 5;
        for (int round = 0; round < 4; round++) {
            int r = round;
            List<SetResult> results = Flux.range(0, 12).parallel(6).runOn(Schedulers.boundedElastic())
                    // two racers per name: the same entry set twice must count once
                    .flatMap(i -> md().set(u.id(), SERVER, "/private/r" + r + "/" + (i % 6), b("v" + i), max))
                    .sequential().collectList().block(WAIT);
            long stored = md().get(u.id(), SERVER, "/private", -1).count().block(WAIT);
            // a racer holding a slot for a moment may make another give up early, never pass the limit
            assertThat(stored).as("round " + r).isBetween(1L, (long) max);
            assertThat(md().count(u.id()).block(WAIT)).as("round " + r).isEqualTo(stored);
            assertThat(results).contains(SetResult.TOO_MANY);
            // the next round starts from empty
            md().get(u.id(), SERVER, "/private", -1).map(MetadataEntry::name).collectList().block(WAIT)
                    .forEach(n -> md().set(u.id(), SERVER, n, null, max).block(WAIT));
            assertThat(md().count(u.id()).block(WAIT)).isZero();
        }
    }

    @Test
    default void aSetOfSeveralEntriesRacingAtTheLimitSetsAllOrNone() {
        User u = fixture().newUser();
        int max = 10;
        for (int round = 0; round < 4; round++) {
            int r = round;
            // four racers of three new entries each, room for ten: three fit, one sets nothing
            List<SetResult> results = Flux.range(0, 4).parallel(4).runOn(Schedulers.boundedElastic())
                    .flatMap(i -> {
                        java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
                        for (int n = 0; n < 3; n++) {
                            entries.put("/private/r" + r + "/s" + i + "/" + n, b("v"));
                        }
                        return md().set(u.id(), SERVER, entries, max);
                    })
                    .sequential().collectList().block(WAIT);
            assertThat(results).as("round " + r).containsExactlyInAnyOrder(SetResult.SET, SetResult.SET, SetResult.SET,
                    SetResult.TOO_MANY);
            for (int i = 0; i < 4; i++) {
                assertThat(names(u, SERVER, "/private/r" + r + "/s" + i, -1).size()).as("round " + r + " racer " + i)
                        .isIn(0, 3);
            }
            assertThat(md().count(u.id()).block(WAIT)).as("round " + r).isEqualTo(9);
            md().get(u.id(), SERVER, "/private", -1).map(MetadataEntry::name).collectList().block(WAIT)
                    .forEach(n -> md().set(u.id(), SERVER, n, null, max).block(WAIT));
        }
    }

    @Test
    default void oneMailboxPerSpecialUse() {
        User u = fixture().newUser();
        store().mailboxes().delete(u.id(), MailboxName.of("Drafts")).block(WAIT);
        List<Boolean> created = Flux.range(0, 6).parallel(6).runOn(Schedulers.boundedElastic())
                .flatMap(i -> store().mailboxes().create(u.id(), MailboxName.of("Drafts" + i), Optional.of(SpecialUse.DRAFTS))
                        .map(m -> true).onErrorResume(GannetException.AlreadyExists.class, e -> reactor.core.publisher.Mono.just(false)))
                .sequential().collectList().block(WAIT);
        assertThat(created.stream().filter(x -> x).count()).isEqualTo(1);
        assertThatThrownBy(() -> store().mailboxes().create(u.id(), MailboxName.of("More"), Optional.of(SpecialUse.DRAFTS))
                .block(WAIT)).isInstanceOf(GannetException.AlreadyExists.class);
    }

    /** Every set that changed entries is in the user's journal (for NOTIFY), naming just those entries. */
    @Test
    default void changedEntriesAreJournalledForNotify() {
        User u = fixture().newUser();
        MailboxId inbox = mailbox(u, "INBOX").id();
        long from = store().journal().userSeq(u.id()).block(WAIT);
        java.util.Map<String, byte[]> two = new java.util.LinkedHashMap<>();
        two.put("/private/x", b("1"));
        two.put("/private/absent", null);
        assertThat(md().set(u.id(), Optional.of(inbox), two, 100).block(WAIT)).isEqualTo(SetResult.SET);
        assertThat(md().set(u.id(), SERVER, "/private/gone", null, 100).block(WAIT)).isEqualTo(SetResult.SET);
        assertThat(md().set(u.id(), SERVER, "/shared/y", b("2"), 100).block(WAIT)).isEqualTo(SetResult.SET);
        List<dev.gannet.core.store.UserEvent> events = store().journal().userChangesSince(u.id(), from).block(WAIT);
        assertThat(events).extracting(dev.gannet.core.store.UserEvent::kind)
                .containsExactly(dev.gannet.core.store.UserEvent.Kind.METADATA, dev.gannet.core.store.UserEvent.Kind.METADATA);
        assertThat(events.get(0).mailbox()).isEqualTo(inbox);
        assertThat(events.get(0).entries()).containsExactly("/private/x");
        assertThat(events.get(1).mailbox()).isNull();
        assertThat(events.get(1).entries()).containsExactly("/shared/y");
    }
}
