package dev.gannet.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.SieveStore;
import dev.gannet.core.store.User;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Sieve scripts: put, list, one active, the active one not deletable, rename keeps activity, users apart. */
public interface SieveContract extends StoreContract {

    Duration WAIT = Duration.ofSeconds(30);

    private SieveStore sieve() {
        return store().sieve();
    }

    @Test
    default void scriptsAreKeptPerUserWithOneActiveThatCannotBeDeleted() {
        User u = fixture().newUser();
        User other = fixture().newUser();
        sieve().put(u.id(), "b", "keep;").block(WAIT);
        sieve().put(u.id(), "a", "discard;").block(WAIT);
        assertThat(sieve().active(u.id()).blockOptional(WAIT)).isEmpty();
        sieve().activate(u.id(), "b").block(WAIT);
        assertThat(sieve().list(u.id()).map(s -> s.name() + (s.active() ? "*" : "")).collectList().block(WAIT))
                .containsExactly("a", "b*");
        assertThat(sieve().active(u.id()).block(WAIT).source()).isEqualTo("keep;");
        assertThatThrownBy(() -> sieve().delete(u.id(), "b").block(WAIT)).isInstanceOf(GannetException.Conflict.class);
        sieve().put(u.id(), "b", "stop;").block(WAIT);
        assertThat(sieve().active(u.id()).block(WAIT).source()).as("replacing keeps it active").isEqualTo("stop;");
        assertThat(sieve().list(other.id()).collectList().block(WAIT)).isEmpty();
        assertThat(sieve().get(other.id(), "b").blockOptional(WAIT)).isEmpty();
        assertThatThrownBy(() -> sieve().activate(u.id(), "nope").block(WAIT)).isInstanceOf(GannetException.NotFound.class);
        sieve().rename(u.id(), "b", "c").block(WAIT);
        assertThat(sieve().active(u.id()).block(WAIT).name()).isEqualTo("c");
        assertThatThrownBy(() -> sieve().rename(u.id(), "a", "c").block(WAIT))
                .isInstanceOf(GannetException.AlreadyExists.class);
        assertThat(sieve().delete(u.id(), "a").block(WAIT)).isTrue();
        assertThat(sieve().delete(u.id(), "a").block(WAIT)).isFalse();
        sieve().activate(u.id(), null).block(WAIT);
        assertThat(sieve().active(u.id()).blockOptional(WAIT)).isEmpty();
        assertThat(sieve().delete(u.id(), "c").block(WAIT)).isTrue();
        assertThat(sieve().list(u.id()).collectList().block(WAIT)).isEmpty();
    }

    @Test
    default void deactivatingTakesOnlyTheNamedActiveScript() {
        User u = fixture().newUser();
        sieve().put(u.id(), "a", "keep;").block(WAIT);
        sieve().put(u.id(), "b", "keep;").block(WAIT);
        sieve().activate(u.id(), "a").block(WAIT);
        assertThat(sieve().deactivate(u.id(), "b").block(WAIT)).isFalse();
        assertThat(sieve().active(u.id()).block(WAIT).name()).isEqualTo("a");
        sieve().activate(u.id(), "b").block(WAIT);
        assertThat(sieve().delete(u.id(), "a").block(WAIT)).as("a is no longer active").isTrue();
        assertThat(sieve().deactivate(u.id(), "b").block(WAIT)).isTrue();
        assertThat(sieve().active(u.id()).blockOptional(WAIT)).isEmpty();
        assertThat(sieve().delete(u.id(), "b").block(WAIT)).isTrue();
    }

    @Test
    default void racingCreatesNeverPassTheScriptLimit() {
        User u = fixture().newUser();
        for (int i = 0; i < SieveStore.MAX_SCRIPTS - 3; i++) {
            sieve().put(u.id(), "s" + i, "keep;").block(WAIT);
        }
        java.util.List<Boolean> made = reactor.core.publisher.Flux.range(0, 10)
                .flatMap(i -> sieve().put(u.id(), "new" + i, "keep;").thenReturn(true)
                        .onErrorResume(GannetException.Invalid.class, e -> reactor.core.publisher.Mono.just(false)), 10)
                .collectList().block(WAIT);
        assertThat(made).filteredOn(ok -> ok).hasSize(3);
        assertThat(sieve().list(u.id()).count().block(WAIT)).isEqualTo(SieveStore.MAX_SCRIPTS);
        assertThat(sieve().delete(u.id(), "s0").block(WAIT)).isTrue();
        sieve().put(u.id(), "again", "keep;").block(WAIT);
        assertThat(sieve().list(u.id()).count().block(WAIT)).isEqualTo(SieveStore.MAX_SCRIPTS);
    }

    @Test
    default void aDeleteRacingAnActivationNeverLeavesAnActiveScriptMissing() {
        User u = fixture().newUser();
        for (int round = 0; round < 20; round++) {
            String name = "r" + round;
            sieve().put(u.id(), name, "keep;").block(WAIT);
            reactor.core.publisher.Mono<Boolean> delete = sieve().delete(u.id(), name)
                    .onErrorResume(GannetException.Conflict.class, e -> reactor.core.publisher.Mono.just(false));
            reactor.core.publisher.Mono<Boolean> activate = sieve().activate(u.id(), name).thenReturn(true)
                    .onErrorResume(GannetException.NotFound.class, e -> reactor.core.publisher.Mono.just(false));
            reactor.core.publisher.Mono.zip(delete.subscribeOn(reactor.core.scheduler.Schedulers.parallel()),
                    activate.subscribeOn(reactor.core.scheduler.Schedulers.parallel())).block(WAIT);
            var active = sieve().active(u.id()).blockOptional(WAIT);
            boolean present = sieve().get(u.id(), name).blockOptional(WAIT).isPresent();
            var pointer = sieve().list(u.id()).filter(SieveStore.Script::active).map(SieveStore.Script::name)
                    .collectList().block(WAIT);
            // either the delete won (gone, and not pointed at) or the activation did (present and active)
            if (present) {
                assertThat(pointer).as("round " + round).containsExactly(name);
                assertThat(active).map(SieveStore.Script::name).contains(name);
            } else {
                assertThat(sieve().deactivate(u.id(), name).block(WAIT)).as("round " + round + ": pointer to a deleted script")
                        .isFalse();
            }
            sieve().activate(u.id(), null).block(WAIT);
            sieve().delete(u.id(), name).block(WAIT);
        }
    }
}
