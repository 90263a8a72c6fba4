package dev.gannet.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.store.Flag;
import dev.gannet.core.store.FlagUpdate;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.JournalEntry;
import dev.gannet.core.store.JournalPage;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.ModSeq;
import dev.gannet.core.store.UidSet;
import dev.gannet.core.store.User;
import dev.gannet.core.testing.Messages;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Contract of {@link dev.gannet.core.store.Journal}: one dense entry per change, then the bell. */
public interface JournalContract extends StoreContract {

    @Test
    default void everyChangeHasOneEntryInModseqOrder() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        append(u, inbox, Messages.simple("a", "1"), Flags.NONE);
        append(u, inbox, Messages.simple("b", "2"), Flags.NONE);
        store().messages().updateFlags(inbox.id(), UidSet.ALL, FlagUpdate.add(Flags.of(Flag.DELETED))).block();
        store().messages().expungeDeleted(inbox.id(), UidSet.range(1, 1)).block();
        JournalPage page = store().journal().changesSince(inbox.id(), ModSeq.ZERO).block();
        assertThat(page.resyncNeeded()).isFalse();
        assertThat(page.entries()).extracting(JournalEntry::kind).containsExactly(JournalEntry.Kind.APPENDED,
                JournalEntry.Kind.APPENDED, JournalEntry.Kind.FLAGS, JournalEntry.Kind.EXPUNGED);
        assertThat(page.entries()).extracting(e -> e.modseq().value()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(page.entries().get(2).uids()).hasSize(2);
        assertThat(page.upTo().value()).isEqualTo(4);
        assertThat(store().journal().changesSince(inbox.id(), ModSeq.of(2)).block().entries()).hasSize(2);
        assertThat(store().journal().changesSince(inbox.id(), ModSeq.of(4)).block().entries()).isEmpty();
        assertThat(fixture().rings()).anyMatch(r -> r.mailbox().equals(inbox.id().value()) && r.modseq() == 4);
    }

    @Test
    default void trimmedHistoryAsksForResync() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        append(u, inbox, Messages.simple("a", "1"), Flags.NONE);
        assertThat(store().journal().trim(Duration.ofMinutes(-1)).block()).isPositive();
        assertThat(store().journal().changesSince(inbox.id(), ModSeq.ZERO).block().resyncNeeded()).isTrue();
        append(u, inbox, Messages.simple("b", "2"), Flags.NONE);
        JournalPage page = store().journal().changesSince(inbox.id(), ModSeq.of(1)).block();
        assertThat(page.resyncNeeded()).isFalse();
        assertThat(page.entries()).hasSize(1);
    }
}
