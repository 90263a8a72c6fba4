package dev.gannet.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.store.Appended;
import dev.gannet.core.store.CopyResult;
import dev.gannet.core.store.FetchedMessage;
import dev.gannet.core.store.Flag;
import dev.gannet.core.store.FlagUpdate;
import dev.gannet.core.store.FlagUpdateResult;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MessageMeta;
import dev.gannet.core.store.PartSpec;
import dev.gannet.core.store.Uid;
import dev.gannet.core.store.UidSet;
import dev.gannet.core.store.User;
import dev.gannet.core.testing.Messages;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract of {@link dev.gannet.core.store.MessageStore}: append, read, flags, copy, move, expunge. */
public interface MessageStoreContract extends StoreContract {

    @Test
    default void appendThenReadBackExactly() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        byte[] raw = "Subject: hi\r\nX-Cr: a\rb\r\n\r\nbody \u00ff no final newline".getBytes(StandardCharsets.ISO_8859_1);
        Appended a = append(u, inbox, raw, Flags.of(Flag.SEEN));
        assertThat(a.uid().value()).isEqualTo(1);
        assertThat(a.uidValidity()).isEqualTo(inbox.uidValidity());
        assertThat(a.size()).isEqualTo(raw.length);
        assertThat(Messages.bytes(store().messages().raw(inbox.id(), a.uid()).block())).isEqualTo(raw);
        assertThat(Messages.bytes(store().messages().range(inbox.id(), a.uid(), 3, 5).block()))
                .isEqualTo("ject:".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(Messages.bytes(store().messages().part(inbox.id(), a.uid(), new PartSpec.Header(List.of())).block()),
                StandardCharsets.ISO_8859_1)).isEqualTo("Subject: hi\r\nX-Cr: a\rb\r\n\r\n");
        Mailbox after = mailbox(u, "INBOX");
        assertThat(after.messages()).isEqualTo(1);
        assertThat(after.unseen()).isZero();
        assertThat(after.bytes()).isEqualTo(raw.length);
        assertThat(after.uidNext()).isEqualTo(2);
        assertThat(after.highestModseq()).isEqualTo(a.modseq());
    }

    @Test
    default void aSectionTheMessageLacksIsEmptyContentForPartAndNothingForSection() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        Appended a = append(u, inbox, "Subject: hi\r\n\r\n".getBytes(StandardCharsets.US_ASCII), Flags.NONE);
        PartSpec missing = new PartSpec.Part(List.of(2));
        assertThat(store().messages().part(inbox.id(), a.uid(), missing).block().size()).isZero();
        assertThat(store().messages().section(inbox.id(), a.uid(), missing).blockOptional()).isEmpty();
        assertThat(store().messages().section(inbox.id(), Uid.of(9), new PartSpec.Text(List.of())).blockOptional()).isEmpty();
        // an empty section that exists is not missing: TEXT of a message without a body
        assertThat(store().messages().section(inbox.id(), a.uid(), new PartSpec.Text(List.of())).block().size()).isZero();
        assertThat(store().messages().section(inbox.id(), a.uid(), new PartSpec.Header(List.of())).block().size())
                .isEqualTo("Subject: hi\r\n\r\n".length());
    }

    @Test
    default void bareLineFeedsAreStoredAsCrlfAndCountedSo() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        byte[] raw = "Subject: hi\nX-Mixed: lf\r\n\nbody\r\r\nlast\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] stored = "Subject: hi\r\nX-Mixed: lf\r\n\r\nbody\r\r\nlast\r\n".getBytes(StandardCharsets.ISO_8859_1);
        Appended a = append(u, inbox, raw, Flags.NONE);
        assertThat(a.size()).as("the stored size, not the size sent").isEqualTo(stored.length);
        assertThat(Messages.bytes(store().messages().raw(inbox.id(), a.uid()).block())).isEqualTo(stored);
        assertThat(new String(Messages.bytes(store().messages().part(inbox.id(), a.uid(), new PartSpec.Header(List.of())).block()),
                StandardCharsets.ISO_8859_1)).isEqualTo("Subject: hi\r\nX-Mixed: lf\r\n\r\n");
        assertThat(store().messages().list(inbox.id(), UidSet.ALL).blockFirst().size()).isEqualTo(stored.length);
        assertThat(mailbox(u, "INBOX").bytes()).isEqualTo(stored.length);
        assertThat(store().quota().get(u.id()).block().used()).isEqualTo(stored.length);
    }

    @Test
    default void keywordsInUseAreKeptOnTheMailboxByAppendCopyAndStore() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        Mailbox archive = mailbox(u, "Archive");
        append(u, inbox, Messages.simple("a", "b"), Flags.parse(List.of("$Forwarded", "\\Seen")));
        assertThat(mailbox(u, "INBOX").keywords()).containsExactly("$Forwarded");
        store().messages().updateFlags(inbox.id(), UidSet.ALL, FlagUpdate.add(Flags.parse(List.of("Junk", "$forwarded"))))
                .block();
        assertThat(mailbox(u, "INBOX").keywords()).containsExactly("$Forwarded", "Junk");
        store().messages().updateFlags(inbox.id(), UidSet.ALL, FlagUpdate.remove(Flags.parse(List.of("Junk")))).block();
        assertThat(mailbox(u, "INBOX").keywords()).as("a keyword once used stays listed").contains("Junk");
        store().messages().copy(inbox.id(), UidSet.ALL, archive.id()).block();
        assertThat(mailbox(u, "Archive").keywords()).containsExactly("$Forwarded");
    }

    @Test
    default void listsMetadataByUidRange() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        for (int i = 0; i < 5; i++) {
            append(u, inbox, Messages.simple("m" + i, "b"), i % 2 == 0 ? Flags.of(Flag.FLAGGED) : Flags.NONE);
        }
        List<MessageMeta> metas = store().messages().list(inbox.id(), UidSet.range(2, 4)).collectList().block();
        assertThat(metas).extracting(m -> m.uid().value()).containsExactly(2L, 3L, 4L);
        assertThat(metas.get(1).flags().has(Flag.FLAGGED)).isTrue();
        assertThat(store().messages().listKnown(inbox.id(), new long[] {5, 1}).collectList().block())
                .extracting(m -> m.uid().value()).containsExactly(1L, 5L);
    }

    @Test
    default void flagsKeywordsAndUnchangedSince() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        Appended a = append(u, inbox, Messages.simple("a", "1"), Flags.NONE);
        Appended b = append(u, inbox, Messages.simple("b", "2"), Flags.NONE);
        FlagUpdateResult r = store().messages().updateFlags(inbox.id(), UidSet.range(1, 2),
                FlagUpdate.add(Flags.parse(List.of("\\Seen", "$Important")))).block();
        assertThat(r.changed()).hasSize(2);
        long shared = r.changed().get(0).modseq().value();
        assertThat(r.changed()).allMatch(m -> m.modseq().value() == shared);
        assertThat(mailbox(u, "INBOX").unseen()).isZero();
        store().messages().updateFlags(inbox.id(), UidSet.of(a.uid()), FlagUpdate.add(Flags.parse(List.of("$important")))).block();
        MessageMeta ma = store().messages().list(inbox.id(), UidSet.of(a.uid())).blockFirst();
        assertThat(ma.flags().keywords()).containsExactly("$Important");
        FlagUpdateResult cond = store().messages().updateFlags(inbox.id(), UidSet.range(1, 2),
                FlagUpdate.remove(Flags.parse(List.of("$IMPORTANT"))).unchangedSince(b.modseq().value())).block();
        assertThat(cond.failedCondition()).containsExactly(a.uid(), b.uid());
        cond = store().messages().updateFlags(inbox.id(), UidSet.range(1, 2),
                FlagUpdate.remove(Flags.parse(List.of("$IMPORTANT", "\\Seen"))).unchangedSince(shared)).block();
        assertThat(cond.failedCondition()).isEmpty();
        assertThat(cond.changed()).allMatch(m -> m.flags().keywords().isEmpty() && !m.flags().has(Flag.SEEN));
        assertThat(mailbox(u, "INBOX").unseen()).isEqualTo(2);
        store().messages().updateFlags(inbox.id(), UidSet.of(b.uid()), FlagUpdate.replace(Flags.of(Flag.DRAFT))).block();
        assertThat(store().messages().list(inbox.id(), UidSet.of(b.uid())).blockFirst().flags()).isEqualTo(Flags.of(Flag.DRAFT));
        assertThat(mailbox(u, "INBOX").highestModseq().value()).isEqualTo(
                store().messages().list(inbox.id(), UidSet.of(b.uid())).blockFirst().modseq().value());
    }

    @Test
    default void copyMoveAndExpunge() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        Mailbox archive = mailbox(u, "Archive");
        byte[] raw = Messages.simple("copy me", "body");
        append(u, inbox, raw, Flags.of(Flag.SEEN));
        append(u, inbox, Messages.simple("other", "x"), Flags.NONE);
        CopyResult c = store().messages().copy(inbox.id(), UidSet.range(1, 2), archive.id()).block();
        assertThat(c.sourceUids()).extracting(Uid::value).containsExactly(1L, 2L);
        assertThat(c.targetUids()).extracting(Uid::value).containsExactly(1L, 2L);
        assertThat(c.targetUidValidity()).isEqualTo(archive.uidValidity());
        assertThat(Messages.bytes(store().messages().raw(archive.id(), Uid.of(1)).block())).isEqualTo(raw);
        CopyResult m = store().messages().move(archive.id(), UidSet.of(Uid.of(2)), inbox.id()).block();
        assertThat(m.targetUids()).extracting(Uid::value).containsExactly(3L);
        assertThat(store().messages().uids(archive.id()).block()).containsExactly(1);
        store().messages().updateFlags(inbox.id(), UidSet.of(Uid.of(1)), FlagUpdate.add(Flags.of(Flag.DELETED))).block();
        assertThat(store().messages().expungeDeleted(inbox.id(), UidSet.ALL).block()).extracting(Uid::value).containsExactly(1L);
        assertThat(store().messages().uids(inbox.id()).block()).containsExactly(2, 3);
        Mailbox after = mailbox(u, "INBOX");
        assertThat(after.messages()).isEqualTo(2);
        assertThat(after.uidNext()).isEqualTo(4);
        long total = store().mailboxes().list(u.id()).map(Mailbox::bytes).reduce(0L, Long::sum).block();
        assertThat(store().quota().get(u.id()).block().used()).isEqualTo(total);
        assertThat(store().messages().list(inbox.id(), UidSet.of(Uid.of(1))).collectList().block()).isEmpty();
        assertThat(store().messages().raw(inbox.id(), Uid.of(1)).blockOptional())
                .as("an expunged message stays readable for sessions not yet told").isPresent();
        assertThat(store().maintenance().purgeExpunged().block()).isGreaterThanOrEqualTo(2);
        assertThat(store().messages().raw(inbox.id(), Uid.of(1)).blockOptional()).isEmpty();
        assertThat(store().messages().raw(archive.id(), Uid.of(2)).blockOptional()).as("moved away").isEmpty();
        assertThat(Messages.bytes(store().messages().raw(inbox.id(), Uid.of(3)).block())).as("moved here").isNotEmpty();
    }

    @Test
    default void fetchKnownReadsMetadataAndStructureOfTheSameMessagesAtOnce() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        for (int i = 0; i < 3; i++) {
            append(u, inbox, Messages.simple("m" + i, "b"), Flags.NONE);
        }
        List<FetchedMessage> read = store().messages().fetchKnown(inbox.id(), new long[] {3, 9, 1}, true).collectList().block();
        assertThat(read).as("ascending, an absent UID left out").extracting(f -> f.uid().value()).containsExactly(1L, 3L);
        assertThat(read.get(1).structure()).contains(store().messages().structure(inbox.id(), Uid.of(3)).block());
        assertThat(read.get(1).meta()).isEqualTo(store().messages().listKnown(inbox.id(), new long[] {3}).blockFirst());
        assertThat(store().messages().fetchKnown(inbox.id(), new long[] {1}, false).blockFirst().structure()).isEmpty();
    }
}
