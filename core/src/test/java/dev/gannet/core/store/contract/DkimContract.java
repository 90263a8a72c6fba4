package dev.gannet.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.store.DkimStore;
import dev.gannet.core.store.DkimStore.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** DKIM keys: one per domain whatever its spelling, replaced in place, found by domain, racing puts leave one. */
public interface DkimContract extends StoreContract {

    Duration WAIT = Duration.ofSeconds(30);

    private DkimStore dkim() {
        return store().dkim();
    }

    private static Key key(String domain, String selector) {
        return new Key(UUID.randomUUID().toString().replace("-", ""), domain, selector, "d", "PRIVATE-" + selector,
                "PUBLIC-" + selector, "fp-" + selector, Instant.ofEpochSecond(1_700_000_000L));
    }

    @Test
    default void oneKeyPerDomainReplacedInPlace() {
        String domain = "Dkim-" + UUID.randomUUID().toString().substring(0, 8) + ".Example";
        Key first = dkim().put(key(domain, "s1")).block(WAIT);
        assertThat(first.domain()).isEqualTo(domain.toLowerCase());
        assertThat(dkim().byDomain(domain.toUpperCase()).block(WAIT).selector()).isEqualTo("s1");
        Key second = dkim().put(key(domain.toLowerCase(), "s2")).block(WAIT);
        assertThat(second.id()).as("a second key for the domain replaces the first").isEqualTo(first.id());
        Key got = dkim().get(first.id()).block(WAIT);
        assertThat(got.selector()).isEqualTo("s2");
        assertThat(got.privateKey()).isEqualTo("PRIVATE-s2");
        assertThat(got.toString()).doesNotContain("PRIVATE");
        assertThat(dkim().list().filter(k -> k.domain().equals(domain.toLowerCase())).count().block(WAIT)).isEqualTo(1);
        assertThat(dkim().byDomain("nothing-" + domain).blockOptional(WAIT)).isEmpty();
        assertThat(dkim().byDomain("not a domain!").blockOptional(WAIT)).isEmpty();
        assertThat(dkim().delete(first.id()).block(WAIT)).isTrue();
        assertThat(dkim().delete(first.id()).block(WAIT)).isFalse();
        assertThat(dkim().byDomain(domain).blockOptional(WAIT)).isEmpty();
    }

    @Test
    default void racingPutsForOneDomainLeaveOneKey() {
        for (int round = 0; round < 5; round++) {
            String domain = "race-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
            List<Key> stored = Flux.range(0, 8).parallel(8).runOn(Schedulers.boundedElastic())
                    .flatMap(i -> dkim().put(key(domain, "s" + i))).sequential().collectList().block(WAIT);
            assertThat(stored).hasSize(8);
            assertThat(stored.stream().map(Key::id).distinct()).as("every caller got the one key's id").hasSize(1);
            assertThat(dkim().list().filter(k -> k.domain().equals(domain)).count().block(WAIT)).isEqualTo(1);
        }
    }
}
