package dev.gannet.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.store.Appended;
import dev.gannet.core.store.CopyResult;
import dev.gannet.core.store.Flag;
import dev.gannet.core.store.FlagUpdate;
import dev.gannet.core.store.FlagUpdateResult;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.Uid;
import dev.gannet.core.store.UidSet;
import dev.gannet.core.store.User;
import dev.gannet.core.testing.GeneratedMail;
import dev.gannet.core.testing.Messages;
import dev.gannet.core.testing.StoreInvariants;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Callers racing on the same messages (STYLE.md habit 13): every side effect follows from what each caller's own
 * conditional write changed, so after each race the counters, quota and blob references equal a recount and
 * exactly one caller won each removal or move.
 */
public interface RaceContract extends StoreContract {

    Duration WAIT = Duration.ofSeconds(60);

    private StoreInvariants invariants() {
        return new StoreInvariants(fixture().database());
    }

    private static byte[] withSharedAttachment(String subject) {
        byte[] attachment = GeneratedMail.random(42, 150_000);
        return GeneratedMail.withAttachment(subject, "base64",
                GeneratedMail.base64(attachment, 76, "\r\n", true).getBytes(StandardCharsets.US_ASCII), "\r\n");
    }

    @Test
    default void sixExpungesOfOneMessageCountItOnceAndLeaveAnotherUsersSharedBlobAlone() {
        User a = fixture().newUser();
        User b = fixture().newUser();
        Mailbox inboxA = mailbox(a, "INBOX");
        Mailbox inboxB = mailbox(b, "INBOX");
        byte[] mine = withSharedAttachment("mine");
        byte[] theirs = withSharedAttachment("theirs");
        append(a, inboxA, mine, Flags.of(Flag.DELETED));
        Appended kept = append(b, inboxB, theirs, Flags.NONE);

        List<List<Uid>> results = Flux.range(0, 6)
                .flatMap(i -> store().messages().expungeDeleted(inboxA.id(), UidSet.ALL).subscribeOn(Schedulers.parallel()), 6)
                .collectList().block(WAIT);

        assertThat(results.stream().mapToInt(List::size).sum()).as("exactly one expunge removed it").isEqualTo(1);
        Mailbox after = mailbox(a, "INBOX");
        assertThat(after.messages()).isZero();
        assertThat(after.unseen()).isZero();
        assertThat(after.bytes()).isZero();
        assertThat(store().quota().get(a.id()).block().used()).isZero();
        invariants().check();
        store().maintenance().purgeExpunged().block(WAIT);
        for (int pass = 0; pass < 3; pass++) {
            store().blobs().collect(Duration.ZERO).block(WAIT);
        }
        invariants().check();
        assertThat(Messages.bytes(store().messages().raw(inboxB.id(), kept.uid()).block(WAIT))).isEqualTo(theirs);
    }

    @Test
    default void racingSeenChangesKeepTheUnseenCounterExact() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        for (int i = 0; i < 20; i++) {
            append(u, inbox, Messages.simple("m" + i, "b"), Flags.NONE);
        }
        Random random = new Random(7);
        List<FlagUpdate> updates = new java.util.ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Flags f = random.nextBoolean() ? Flags.of(Flag.SEEN) : Flags.of(Flag.SEEN, Flag.FLAGGED);
            updates.add(switch (random.nextInt(3)) {
                case 0 -> FlagUpdate.add(f);
                case 1 -> FlagUpdate.remove(f);
                default -> FlagUpdate.replace(random.nextBoolean() ? f : Flags.of(Flag.ANSWERED));
            });
        }
        Flux.fromIterable(updates)
                .flatMap(upd -> store().messages().updateFlags(inbox.id(), UidSet.range(1 + random.nextInt(5), 20), upd)
                        .subscribeOn(Schedulers.parallel()), 8)
                .blockLast(WAIT);
        invariants().check();
    }

    @Test
    default void aMessageMovedByTwoCallersAtOnceArrivesOnce() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        Mailbox archive = mailbox(u, "Archive");
        Mailbox trash = mailbox(u, "Trash");
        for (int i = 0; i < 30; i++) {
            append(u, inbox, i % 3 == 0 ? withSharedAttachment("m" + i) : Messages.simple("m" + i, "b"), Flags.NONE);
        }
        List<String> emailIds = emailIds(inbox);
        List<CopyResult> moves = Flux.just(archive, trash, archive, trash)
                .flatMap(to -> store().messages().move(inbox.id(), UidSet.ALL, to.id()).subscribeOn(Schedulers.parallel()), 4)
                .collectList().block(WAIT);
        List<String> arrived = new java.util.ArrayList<>(emailIds(archive));
        arrived.addAll(emailIds(trash));
        assertThat(arrived).as("each moved message keeps its EMAILID (RFC 8474) and arrives once")
                .containsExactlyInAnyOrderElementsOf(emailIds);

        assertThat(moves.stream().mapToInt(r -> r.sourceUids().size()).sum()).isEqualTo(30);
        assertThat(moves.stream().flatMap(r -> r.sourceUids().stream()).distinct().count()).isEqualTo(30);
        assertThat(store().messages().uids(inbox.id()).block()).isEmpty();
        assertThat(store().messages().uids(archive.id()).block().length + store().messages().uids(trash.id()).block().length)
                .isEqualTo(30);
        invariants().check();
    }

    private List<String> emailIds(Mailbox box) {
        return store().messages().fetchKnown(box.id(), store().messages().uids(box.id()).block(), false,
                        dev.gannet.core.store.MessageFacts.PreviewMode.NONE)
                .map(f -> f.facts().orElseThrow().emailId()).collectList().block(WAIT);
    }

    @Test
    default void mixedCopiesMovesExpungesAndStoresKeepEveryInvariant() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        Mailbox work = store().mailboxes().create(u.id(), dev.gannet.core.store.MailboxName.of("Work")).block();
        List<Mailbox> boxes = List.of(inbox, work, mailbox(u, "Archive"));
        for (int i = 0; i < 24; i++) {
            append(u, boxes.get(i % 3), i % 4 == 0 ? withSharedAttachment("s" + i) : Messages.simple("m" + i, "b"),
                    i % 2 == 0 ? Flags.NONE : Flags.of(Flag.SEEN));
        }
        Random random = new Random(11);
        for (int round = 0; round < 4; round++) {
            List<Mono<?>> ops = new java.util.ArrayList<>();
            for (int i = 0; i < 24; i++) {
                Mailbox from = boxes.get(random.nextInt(3));
                Mailbox to = boxes.get(random.nextInt(3));
                UidSet set = UidSet.range(1 + random.nextInt(20), 1 + random.nextInt(20) + 20);
                ops.add(switch (random.nextInt(6)) {
                    case 0 -> store().messages().copy(from.id(), set, to.id());
                    case 1 -> from.equals(to) ? Mono.empty() : store().messages().move(from.id(), set, to.id());
                    case 2 -> store().messages().expungeDeleted(from.id(), set);
                    case 3 -> store().messages().updateFlags(from.id(), set, FlagUpdate.add(Flags.of(Flag.DELETED)));
                    case 4 -> store().messages().updateFlags(from.id(), set, FlagUpdate.remove(Flags.of(Flag.SEEN)));
                    default -> store().messages().updateFlags(from.id(), set, FlagUpdate.add(Flags.of(Flag.SEEN)));
                });
            }
            Flux.fromIterable(ops).flatMap(m -> m.subscribeOn(Schedulers.parallel()), 8).blockLast(WAIT);
            invariants().check();
            store().maintenance().purgeExpunged().block(WAIT);
            store().blobs().collect(Duration.ZERO).block(WAIT);
            invariants().check();
        }
    }

    /**
     * A mailbox deleted while other callers append to it, copy into it, move out of it and expunge it: what each
     * of them removed or added is counted once, a message that lands after the purge scan is not left behind in a
     * mailbox nobody can see (its bytes would count against the quota for ever), and an expunge whose messages the
     * purge removed still gives their bytes back.
     */
    @Test
    default void aMailboxDeletedDuringAppendsCopiesMovesAndExpungesLeavesNothingBehind() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        for (int i = 0; i < 6; i++) {
            append(u, inbox, Messages.simple("in" + i, "b"), Flags.NONE);
        }
        dev.gannet.core.store.MailboxName tmp = dev.gannet.core.store.MailboxName.of("Doomed");
        for (int round = 0; round < 12; round++) {
            Mailbox doomed = store().mailboxes().create(u.id(), tmp).block(WAIT);
            for (int i = 0; i < 6; i++) {
                append(u, doomed, Messages.simple("d" + round + "." + i, "b"), i % 2 == 0 ? Flags.of(Flag.DELETED) : Flags.NONE);
            }
            List<Mono<?>> ops = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ops.add(store().messages().append(new dev.gannet.core.store.AppendRequest(u.id(), doomed.id(),
                        dev.gannet.core.store.MessageSource.of(Messages.simple("late" + round + "." + i, "b")), Flags.NONE, null,
                        dev.gannet.core.store.AppendRequest.Origin.IMAP)).onErrorResume(e -> Mono.empty()));
            }
            ops.add(store().messages().copy(inbox.id(), UidSet.ALL, doomed.id()).onErrorResume(e -> Mono.empty()));
            ops.add(store().messages().expungeDeleted(doomed.id(), UidSet.ALL).onErrorResume(e -> Mono.empty()));
            ops.add(store().messages().move(doomed.id(), UidSet.range(2, 3), inbox.id()).onErrorResume(e -> Mono.empty()));
            ops.add(store().mailboxes().delete(u.id(), tmp));
            java.util.Collections.shuffle(ops, new Random(round));
            Flux.fromIterable(ops).flatMap(m -> m.subscribeOn(Schedulers.parallel()), ops.size()).blockLast(WAIT);
            invariants().check();
            invariants().noMessageOutlivesItsMailbox();
        }
        store().maintenance().purgeExpunged().block(WAIT);
        store().blobs().collect(Duration.ZERO).block(WAIT);
        invariants().check();
        long live = store().mailboxes().list(u.id()).collectList().block(WAIT).stream().mapToLong(Mailbox::bytes).sum();
        assertThat(store().quota().get(u.id()).block(WAIT).used()).as("quota used equals what the mailboxes hold").isEqualTo(live);
    }

    @Test
    default void ofTwoConditionalStoresOnTheSameStateOneWins() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        Appended a = append(u, inbox, Messages.simple("c", "b"), Flags.NONE);
        long since = a.modseq().value();
        List<FlagUpdateResult> results = Flux.range(0, 6)
                .flatMap(i -> store().messages().updateFlags(inbox.id(), UidSet.of(a.uid()),
                                FlagUpdate.add(Flags.parse(List.of("$Label" + i, "\\Seen"))).unchangedSince(since))
                        .subscribeOn(Schedulers.parallel()), 6)
                .collectList().block(WAIT);
        assertThat(results.stream().filter(r -> !r.changed().isEmpty()).count()).isEqualTo(1);
        assertThat(results.stream().filter(r -> !r.failedCondition().isEmpty()).count()).isEqualTo(5);
        assertThat(mailbox(u, "INBOX").unseen()).isZero();
        invariants().check();
    }
}
