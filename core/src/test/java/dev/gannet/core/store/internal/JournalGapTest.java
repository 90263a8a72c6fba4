package dev.gannet.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Appended;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.JournalEntry;
import dev.gannet.core.store.JournalPage;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.ModSeq;
import dev.gannet.core.store.UidSet;
import dev.gannet.core.store.User;
import dev.gannet.core.testing.Messages;
import dev.gannet.core.testing.StoreFixture;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * A modseq allocated by a writer that never journals it (crash) is waited for, then marked SKIPPED; a
 * writer that finds its slot already marked re-records under a fresh modseq, so no change is lost.
 */
class JournalGapTest {

    @Test
    void gapIsWaitedForThenSkippedAndLateWriterReRecords() {
        try (StoreFixture fx = StoreFixture.memory(StoreOptions.forTests().withGapWait(Duration.ofMillis(200)), List.of())) {
            User u = fx.newUser();
            Mailbox inbox = fx.store().mailboxes().get(u.id(), MailboxName.INBOX).block();
            append(fx, u, inbox);
            String id = inbox.id().value();
            // A writer allocated modseq 2 and crashed before journalling it.
            Mono.from(fx.database().getCollection("mailboxes").updateOne(new Document("_id", id),
                    new Document("$inc", new Document("highestModseq", 1L)))).block();
            // A reader already gave up on modseq 3, which the next writer will be handed.
            Mono.from(fx.database().getCollection("journal").insertOne(new Document("_id", id + ":3")
                    .append("mailbox", id).append("modseq", 3L).append("kind", "SKIPPED").append("uids", List.of())
                    .append("at", new Date()))).block();
            Appended late = append(fx, u, inbox);
            assertThat(late.modseq().value()).isEqualTo(4);
            assertThat(fx.store().messages().list(inbox.id(), UidSet.of(late.uid())).blockFirst().modseq().value())
                    .isEqualTo(4);

            JournalPage page = fx.store().journal().changesSince(inbox.id(), ModSeq.ZERO).block();
            assertThat(page.entries()).extracting(JournalEntry::kind).containsExactly(JournalEntry.Kind.APPENDED,
                    JournalEntry.Kind.SKIPPED, JournalEntry.Kind.SKIPPED, JournalEntry.Kind.APPENDED);
            assertThat(page.entries().get(3).uids()).containsExactly(late.uid());
            assertThat(page.upTo().value()).isEqualTo(4);
        }
    }

    private static Appended append(StoreFixture fx, User u, Mailbox box) {
        return fx.store().messages().append(new AppendRequest(u.id(), box.id(),
                MessageSource.of(Messages.simple("gap", "x")), Flags.NONE, null, AppendRequest.Origin.API)).block();
    }
}
