package dev.gannet.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.testing.Messages;
import dev.gannet.core.testing.StoreFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * 8 concurrent appenders × 500 messages into one mailbox: UIDs are distinct and ascending per allocation,
 * and a journal reader running alongside sees every change exactly once, in modseq order.
 */
class ConcurrentAppendTest {

    @Test
    void eightAppendersOneMailboxOneReader() throws Exception {
        try (StoreFixture fx = StoreFixture.memory()) {
            User u = fx.newUser();
            Mailbox inbox = fx.store().mailboxes().get(u.id(), MailboxName.INBOX).block();
            ConcurrentLinkedQueue<Appended> appended = new ConcurrentLinkedQueue<>();
            AtomicBoolean done = new AtomicBoolean();
            List<JournalEntry> seen = new ArrayList<>();
            Thread reader = new Thread(() -> {
                ModSeq last = ModSeq.ZERO;
                while (true) {
                    boolean finished = done.get();
                    JournalPage page = fx.store().journal().changesSince(inbox.id(), last).block();
                    seen.addAll(page.entries());
                    last = page.upTo();
                    if (finished && page.entries().isEmpty()) {
                        return;
                    }
                    if (page.entries().isEmpty()) {
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            });
            reader.start();
            Flux.range(0, 8)
                    .flatMap(w -> Flux.range(0, 500)
                            .concatMap(i -> fx.store().messages().append(new AppendRequest(u.id(), inbox.id(),
                                    MessageSource.of(Messages.simple("w" + w + " m" + i, "body")), Flags.NONE, null,
                                    AppendRequest.Origin.LMTP)))
                            .doOnNext(appended::add)
                            .subscribeOn(Schedulers.parallel()), 8)
                    .then(Mono.fromRunnable(() -> done.set(true)))
                    .block();
            reader.join();

            List<Long> uids = appended.stream().map(a -> a.uid().value()).sorted().toList();
            assertThat(uids).hasSize(4000).doesNotHaveDuplicates();
            assertThat(uids.get(0)).isEqualTo(1);
            assertThat(uids.get(3999)).isEqualTo(4000);
            assertThat(fx.store().messages().uids(inbox.id()).block()).hasSize(4000);
            Mailbox after = fx.store().mailboxes().byId(inbox.id()).block();
            assertThat(after.messages()).isEqualTo(4000);
            assertThat(after.uidNext()).isEqualTo(4001);

            assertThat(seen).extracting(e -> e.modseq().value())
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, seen.size()).boxed().toList());
            List<Long> journalled = seen.stream().filter(e -> e.kind() == JournalEntry.Kind.APPENDED)
                    .flatMap(e -> e.uids().stream()).map(Uid::value).sorted().toList();
            assertThat(journalled).isEqualTo(uids);
            assertThat(seen).noneMatch(e -> e.kind() == JournalEntry.Kind.SKIPPED);
            assertThat(seen.get(seen.size() - 1).modseq()).isEqualTo(after.highestModseq());
        }
    }
}
