package dev.gannet.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.store.TotpStore;
import dev.gannet.core.store.User;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** TOTP state: setup, enable only with the pending seed, a time step used once even by racing checks, off. */
public interface TotpContract extends StoreContract {

    Duration WAIT = Duration.ofSeconds(30);

    private TotpStore totp() {
        return store().totp();
    }

    @Test
    default void totpIsEnabledOnlyWithThePendingSeedAndListedInEnabled2fa() {
        User u = fixture().newUser();
        assertThat(totp().setPending(u.id(), "SEEDONE", false).block(WAIT)).isTrue();
        assertThat(totp().enable(u.id(), "OTHERSEED", 10).block(WAIT)).as("not the pending seed").isFalse();
        assertThat(totp().enable(u.id(), "SEEDONE", 10).block(WAIT)).isTrue();
        assertThat(totp().enable(u.id(), "SEEDONE", 11).block(WAIT)).as("enabled once").isFalse();
        assertThat(store().users().get(u.id()).block(WAIT).enabled2fa()).containsExactly("totp");
        assertThat(totp().enabled(u.id()).block(WAIT)).isEqualTo(new TotpStore.Totp("SEEDONE", 10));
        assertThat(totp().setPending(u.id(), "SEEDTWO", false).block(WAIT)).as("already on").isFalse();
        assertThat(totp().setPending(u.id(), "SEEDTWO", true).block(WAIT)).isTrue();
        assertThat(totp().enabled(u.id()).block(WAIT).seed()).as("the old seed works until the new one is enabled")
                .isEqualTo("SEEDONE");
        assertThat(totp().setCustom(u.id(), true).block(WAIT)).isTrue();
        assertThat(store().users().get(u.id()).block(WAIT).enabled2fa()).containsExactlyInAnyOrder("totp", "custom");
        assertThat(totp().disable(u.id()).block(WAIT)).isTrue();
        assertThat(totp().enabled(u.id()).blockOptional(WAIT)).isEmpty();
        assertThat(totp().pending(u.id()).blockOptional(WAIT)).isEmpty();
        assertThat(store().users().get(u.id()).block(WAIT).enabled2fa()).containsExactly("custom");
        assertThat(totp().setCustom(u.id(), false).block(WAIT)).isTrue();
        assertThat(store().users().get(u.id()).block(WAIT).has2fa()).isFalse();
    }

    @Test
    default void ofRacingChecksWithOneCodeExactlyOneWinsAndOlderStepsFail() {
        User u = fixture().newUser();
        totp().setPending(u.id(), "RACESEED", false).block(WAIT);
        totp().enable(u.id(), "RACESEED", 100).block(WAIT);
        List<Boolean> results = Flux.range(0, 8)
                .flatMap(i -> totp().useStep(u.id(), "RACESEED", 101).subscribeOn(Schedulers.parallel()), 8)
                .collectList().block(WAIT);
        assertThat(results.stream().filter(b -> b).count()).isEqualTo(1);
        assertThat(totp().useStep(u.id(), "RACESEED", 100).block(WAIT)).as("an older step").isFalse();
        assertThat(totp().useStep(u.id(), "WRONGSEED", 105).block(WAIT)).as("a seed that is not enabled").isFalse();
        assertThat(totp().useStep(u.id(), "RACESEED", 102).block(WAIT)).isTrue();
    }
}
