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
}
