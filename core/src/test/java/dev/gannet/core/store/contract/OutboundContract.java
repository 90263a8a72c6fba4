package dev.gannet.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.OutboundQueue;
import dev.gannet.core.store.OutboundQueue.Claimed;
import dev.gannet.core.store.OutboundQueue.Kind;
import dev.gannet.core.store.User;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The outbound queue: bytes kept exactly (also past one document), claims won by one caller, a lease that
 * expires, the claim token guarding the result, cancel refused while a message is being sent, users apart.
 */
public interface OutboundContract extends StoreContract {

    Duration WAIT = Duration.ofSeconds(60);

    private OutboundQueue queue() {
        return store().outbound();
    }

    private String enqueue(User u, byte[] bytes) {
        return queue().enqueue(new OutboundQueue.Request(u == null ? null : u.id(), Kind.SUBMISSION, "a@example.org",
                List.of("b@example.net", "c@example.net"), MessageSource.of(bytes), null)).block(WAIT);
    }

    private static byte[] bytes(MessageSource s) throws Exception {
        try (InputStream in = s.open()) {
            return in.readAllBytes();
        }
    }

    /** Claims everything due now + {@code ahead} (other tests' messages too) and returns this test's. */
    private List<Claimed> claimMine(String owner, Set<String> mine, Duration ahead, Duration lease) {
        return queue().claim(owner, Instant.now().plus(ahead), lease, 1000).filter(c -> mine.contains(c.id()))
                .collectList().block(WAIT);
    }

    @Test
    default void messagesLargerThanADocumentComeBackByteForByte() throws Exception {
        User u = fixture().newUser();
        byte[] small = "Subject: hi\r\n\r\nsmall\r\n".getBytes();
        byte[] big = new byte[17 * 1024 * 1024 + 123];
        new Random(7).nextBytes(big);
        String s = enqueue(u, small);
        String b = enqueue(u, big);
        assertThat(bytes(queue().content(s).block(WAIT))).isEqualTo(small);
        assertThat(bytes(queue().content(b).block(WAIT))).isEqualTo(big);
        assertThat(queue().get(u.id(), b).block(WAIT).size()).isEqualTo(big.length);
        assertThat(queue().cancel(u.id(), b).block(WAIT)).isTrue();
        assertThat(queue().content(b).blockOptional(WAIT)).isEmpty();
    }

    @Test
    default void aClaimIsWonOnceAndOnlyTheClaimerFinishesIt() {
        User u = fixture().newUser();
        User other = fixture().newUser();
        String id = enqueue(u, "Subject: x\r\n\r\nx\r\n".getBytes());
        Set<String> mine = Set.of(id);
        List<Claimed> first = claimMine("n1", mine, Duration.ZERO, Duration.ofMinutes(5));
        assertThat(first).hasSize(1);
        assertThat(first.get(0).attempts()).isEqualTo(1);
        assertThat(claimMine("n2", mine, Duration.ZERO, Duration.ofMinutes(5))).as("leased").isEmpty();
        assertThat(queue().get(u.id(), id).block(WAIT).state()).isEqualTo("sending");
        assertThat(queue().cancel(u.id(), id).block(WAIT)).as("being sent").isFalse();
        assertThat(queue().get(other.id(), id).blockOptional(WAIT)).isEmpty();
        assertThat(queue().cancel(other.id(), id).block(WAIT)).isFalse();

        // the lease ends (seen from 6 minutes ahead): another node takes over, the first one's claim is void
        List<Claimed> second = claimMine("n2", mine, Duration.ofMinutes(6), Duration.ofMinutes(5));
        assertThat(second).hasSize(1);
        assertThat(second.get(0).attempts()).isEqualTo(2);
        assertThat(queue().finish(first.get(0)).block(WAIT)).isFalse();
        assertThat(queue().retry(first.get(0), List.of("b@example.net"), Instant.now(), "x").block(WAIT)).isFalse();

        assertThat(queue().retry(second.get(0), List.of("c@example.net"), Instant.now().plusSeconds(3600), "451 later")
                .block(WAIT)).isTrue();
        OutboundQueue.Queued q = queue().get(u.id(), id).block(WAIT);
        assertThat(q.state()).isEqualTo("queued");
        assertThat(q.recipients()).containsExactly("c@example.net");
        assertThat(q.lastResult()).isEqualTo("451 later");
        assertThat(claimMine("n1", mine, Duration.ZERO, Duration.ofMinutes(5))).as("not due yet").isEmpty();
        List<Claimed> third = claimMine("n1", mine, Duration.ofHours(2), Duration.ofMinutes(5));
        assertThat(third).hasSize(1);
        assertThat(third.get(0).recipients()).containsExactly("c@example.net");
        assertThat(queue().finish(third.get(0)).block(WAIT)).isTrue();
        assertThat(queue().get(u.id(), id).blockOptional(WAIT)).isEmpty();
        assertThat(queue().list(u.id()).collectList().block(WAIT)).isEmpty();
    }

    @Test
    default void racingClaimersWinEachMessageOnce() {
        User u = fixture().newUser();
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            mine.add(enqueue(u, ("Subject: " + i + "\r\n\r\n.\r\n").getBytes()));
        }
        List<String> won = Collections.synchronizedList(new ArrayList<>());
        Flux.range(0, 4)
                .flatMap(n -> queue().claim("n" + n, Instant.now(), Duration.ofMinutes(5), 1000)
                        .filter(c -> mine.contains(c.id()))
                        .doOnNext(c -> won.add(c.id()))
                        .subscribeOn(Schedulers.parallel()), 4)
                .blockLast(WAIT);
        assertThat(won).doesNotHaveDuplicates();
        assertThat(new HashSet<>(won)).isEqualTo(mine);
    }
}
