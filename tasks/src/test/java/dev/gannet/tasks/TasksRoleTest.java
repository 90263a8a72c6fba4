package dev.gannet.tasks;

import dev.gannet.core.config.Settings;
import dev.gannet.core.coord.Coordination;
import dev.gannet.core.node.NodeContext;
import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Appended;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.ModSeq;
import dev.gannet.core.store.UidSet;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.GeneratedMail;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class TasksRoleTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder()
            .roles("tasks")
            .set(Settings.TASKS_BLOB_GC_INTERVAL, Duration.ofMillis(300))
            .set(Settings.TASKS_JOURNAL_TRIM_INTERVAL, Duration.ofMillis(300))
            .set(Settings.TASKS_PURGE_INTERVAL, Duration.ofMillis(300))
            .set(Settings.STORE_EXPUNGED_RETENTION, Duration.ZERO)
            .set(Settings.BLOB_GC_GRACE, Duration.ZERO)
            .set(Settings.STORE_JOURNAL_RETENTION, Duration.ZERO)
            .build();

    @Test
    void expungedMessagesTheirBlobsAndOldJournalEntriesGoAwayWithoutAnyoneAsking() throws Exception {
        TestUser user = gannet.createUser();
        Mailbox inbox = gannet.mailbox(user, "INBOX");
        byte[] attachment = GeneratedMail.random(7, 200_000);
        byte[] message = GeneratedMail.withAttachment("big", "base64",
                GeneratedMail.base64(attachment, 76, "\r\n", true).getBytes(java.nio.charset.StandardCharsets.US_ASCII), "\r\n");
        Appended appended = gannet.store().messages().append(new AppendRequest(user.id(), inbox.id(),
                new MessageSource.Bytes(message), Flags.NONE, null, AppendRequest.Origin.INTERNAL)).block(WAIT);
        assertThat(gannet.store().blobs().list().collectList().block(WAIT)).isNotEmpty();

        gannet.store().messages().expunge(inbox.id(), UidSet.of(appended.uid())).block(WAIT);

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline
                && !(gannet.store().blobs().list().collectList().block(WAIT).isEmpty()
                     && gannet.store().journal().changesSince(inbox.id(), ModSeq.ZERO).block(WAIT).entries().isEmpty())) {
            Thread.sleep(100);
        }
        assertThat(gannet.store().blobs().list().collectList().block(WAIT)).isEmpty();
        assertThat(gannet.store().journal().changesSince(inbox.id(), ModSeq.ZERO).block(WAIT).entries()).isEmpty();
    }

    @Test
    void aJobRunsOnOneNodeOnlyPerInterval() {
        NodeContext context = gannet.context();
        AtomicInteger runs = new AtomicInteger();
        Job counting = new Job("counting-" + System.nanoTime(), c -> Duration.ofMinutes(5),
                c -> Mono.fromCallable(() -> "run " + runs.incrementAndGet()));
        try (Coordination shared = Coordination.inJvm();
             JobScheduler nodeA = new JobScheduler(context, shared.locks(), "node-a");
             JobScheduler nodeB = new JobScheduler(context, shared.locks(), "node-b")) {
            Duration interval = counting.interval().apply(context);
            Mono.when(nodeA.runOnce(counting, interval), nodeB.runOnce(counting, interval)).block(WAIT);
            assertThat(runs).hasValue(1);
            nodeB.runOnce(counting, interval).block(WAIT);
            nodeA.runOnce(counting, interval).block(WAIT);
            assertThat(runs).as("the lease spaces runs one interval apart").hasValue(1);
        }
    }
}
