package dev.gannet.core.store.contract;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.User;
import dev.gannet.core.store.WebAuthnCredential;
import dev.gannet.core.store.WebAuthnStore;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebAuthn credentials and their races: registrations racing past the per-user limit stop at the limit; a credential
 * id registered by two users at once belongs to one; of racing uses with the same counter exactly one wins; racing
 * deletes and registrations leave {@code enabled2fa} saying whether the user has a credential.
 */
public interface WebAuthnContract extends StoreContract {

    SecureRandom RANDOM = new SecureRandom();

    private static WebAuthnCredential.New key(byte[] id) {
        return new WebAuthnCredential.New(id, new byte[] {1, 2, 3}, 0, "key", "cross-platform", "example.test");
    }

    private static byte[] randomId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    @Test
    default void racingRegistrationsStopAtTheLimit() {
        User u = fixture().newUser();
        List<Boolean> results = Flux.range(0, 16)
                .flatMap(i -> store().webauthn().add(u.id(), key(randomId())).map(c -> true)
                        .onErrorResume(GannetException.Invalid.class, e -> Mono.just(false))
                        .onErrorResume(GannetException.Conflict.class, e -> Mono.just(false))
                        .subscribeOn(Schedulers.parallel()), 8)
                .collectList().block();
        assertThat(results.stream().filter(b -> b).count()).isEqualTo(WebAuthnStore.MAX_PER_USER);
        assertThat(store().webauthn().list(u.id()).collectList().block()).hasSize(WebAuthnStore.MAX_PER_USER);
        assertThat(store().users().get(u.id()).block().enabled2fa()).containsExactly("webauthn");
    }

    @Test
    default void aCredentialIdBelongsToOneUser() {
        User a = fixture().newUser();
        User b = fixture().newUser();
        byte[] id = randomId();
        List<Boolean> results = Flux.just(a, b)
                .flatMap(u -> store().webauthn().add(u.id(), key(id)).map(c -> true)
                        .onErrorResume(GannetException.AlreadyExists.class, e -> Mono.just(false))
                        .subscribeOn(Schedulers.parallel()))
                .collectList().block();
        assertThat(results).containsExactlyInAnyOrder(true, false);
        long owners = Flux.just(a, b).flatMap(u -> store().webauthn().find(u.id(), id)).count().block();
        assertThat(owners).isEqualTo(1);
    }

    @Test
    default void ofRacingUsesWithOneCounterOneWins() {
        User u = fixture().newUser();
        WebAuthnCredential c = store().webauthn().add(u.id(), key(randomId())).block();
        assertThat(store().webauthn().recordUse(c.id(), 0, Instant.now()).block()).isTrue(); // both 0: no counter
        long won = Flux.range(0, 8).flatMap(i -> store().webauthn().recordUse(c.id(), 5, Instant.now())
                .subscribeOn(Schedulers.parallel())).filter(b -> b).count().block();
        assertThat(won).isEqualTo(1);
        assertThat(store().webauthn().recordUse(c.id(), 5, Instant.now()).block()).isFalse();
        assertThat(store().webauthn().recordUse(c.id(), 0, Instant.now()).block()).isFalse();
        assertThat(store().webauthn().recordUse(c.id(), 6, Instant.now()).block()).isTrue();
        WebAuthnCredential now = store().webauthn().find(u.id(), c.credentialId()).block();
        assertThat(now.signCount()).isEqualTo(6);
        assertThat(now.lastUsed()).isNotNull();
    }

    @Test
    default void racingDeletesAndRegistrationsLeaveEnabled2faTrue() {
        User u = fixture().newUser();
        for (int round = 0; round < 8; round++) {
            WebAuthnCredential old = store().webauthn().add(u.id(), key(randomId())).block();
            Flux.merge(store().webauthn().delete(u.id(), old.id()).then().subscribeOn(Schedulers.parallel()),
                    (round % 2 == 0 ? store().webauthn().add(u.id(), key(randomId())).then() : Mono.<Void>empty())
                            .subscribeOn(Schedulers.parallel())).blockLast();
            boolean has = !store().webauthn().list(u.id()).collectList().block().isEmpty();
            assertThat(store().users().get(u.id()).block().enabled2fa().contains("webauthn")).as("round " + round)
                    .isEqualTo(has);
            store().webauthn().deleteAll(u.id()).block();
            assertThat(store().users().get(u.id()).block().enabled2fa()).doesNotContain("webauthn");
        }
    }
}
