package dev.gannet.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.store.User;
import dev.gannet.core.store.VacationLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** Vacation replies: one per sender and handle per period, exactly one winner when deliveries race. */
public interface VacationLogContract extends StoreContract {

    Duration WAIT = Duration.ofSeconds(30);

    private VacationLog log() {
        return store().vacations();
    }

    @Test
    default void oneReplyPerSenderAndHandleUntilThePeriodEnds() {
        User u = fixture().newUser();
        User other = fixture().newUser();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Instant end = t0.plus(Duration.ofDays(7));
        assertThat(log().claim(u.id(), "a@example.org", "h", t0, end).block(WAIT)).isTrue();
        assertThat(log().claim(u.id(), "A@Example.org", "h", t0.plusSeconds(60), end).block(WAIT)).isFalse();
        assertThat(log().claim(u.id(), "a@example.org", "other", t0, end).block(WAIT)).isTrue();
        assertThat(log().claim(other.id(), "a@example.org", "h", t0, end).block(WAIT)).isTrue();
        Instant later = end.plusSeconds(1);
        assertThat(log().claim(u.id(), "a@example.org", "h", later, later.plus(Duration.ofDays(7))).block(WAIT)).isTrue();
        assertThat(log().claim(u.id(), "a@example.org", "h", later, later.plus(Duration.ofDays(7))).block(WAIT)).isFalse();
        log().release(u.id(), "a@example.org", "h", later.plus(Duration.ofDays(7))).block(WAIT);
        assertThat(log().claim(u.id(), "a@example.org", "h", later, later.plus(Duration.ofDays(7))).block(WAIT)).isTrue();
    }

    @Test
    default void racingDeliveriesReplyOnce() {
        User u = fixture().newUser();
        for (int round = 0; round < 5; round++) {
            Instant now = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofDays(10L * round));
            List<Boolean> wins = Flux.range(0, 8).parallel(8).runOn(Schedulers.boundedElastic())
                    .flatMap(i -> log().claim(u.id(), "racer@example.org", "h", now, now.plus(Duration.ofDays(7))))
                    .sequential().collectList().block(WAIT);
            assertThat(wins.stream().filter(b -> b).count()).as("round " + round).isEqualTo(1);
        }
    }
}
