package dev.gannet.core.store.contract;

import dev.gannet.core.auth.LoginRequest;
import dev.gannet.core.auth.LoginResult;
import dev.gannet.core.auth.LoginService;
import dev.gannet.core.coord.RateLimit;
import dev.gannet.core.coord.Coordination;
import dev.gannet.core.store.AppPassword;
import dev.gannet.core.store.AuthEvent;
import dev.gannet.core.store.User;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Application-specific passwords, the auth log and the login service on top of them, with their races:
 * concurrent logins get distinct, dense auth log ids; an ASP deleted while logins use it is refused by every
 * login that follows the delete, and its last use is written only while it exists; one user's ASP is never
 * another's.
 */
public interface LoginContract extends StoreContract {

    private LoginService logins() {
        return new LoginService(store(), Coordination.inJvm().rateLimiter(), null, Duration.ofDays(1));
    }

    @Test
    default void aspIsFoundByItsSecretOnlyForItsUser() {
        User a = fixture().newUser();
        User b = fixture().newUser();
        AppPassword.Created c = store().asps().create(a.id(), "mail", List.of("imap"), null).block();
        assertThat(c.password()).matches("[a-z]{16}");
        assertThat(c.toString()).doesNotContain(c.password());
        assertThat(store().asps().match(a.id(), c.password()).block().id()).isEqualTo(c.asp().id());
        assertThat(store().asps().match(b.id(), c.password()).blockOptional()).isEmpty();
        assertThat(store().asps().get(b.id(), c.asp().id()).blockOptional()).isEmpty();
        assertThat(store().asps().delete(b.id(), c.asp().id()).block()).isFalse();
        assertThat(store().asps().list(a.id()).collectList().block()).hasSize(1);
        assertThat(store().asps().delete(a.id(), c.asp().id()).block()).isTrue();
        assertThat(store().asps().match(a.id(), c.password()).blockOptional()).isEmpty();
    }

    @Test
    default void concurrentLoginsGetDistinctDenseEventIds() {
        User u = fixture().newUser();
        LoginService s = logins();
        List<LoginResult> results = Flux.range(0, 24)
                .flatMap(i -> s.login(LoginRequest.of("imap", u.username(), i % 2 == 0 ? "secret" : "bad", "127.0.0.9", null),
                        null).subscribeOn(Schedulers.parallel()), 8)
                .collectList().block();
        assertThat(results.stream().filter(r -> r instanceof LoginResult.Success).count()).isEqualTo(12);
        assertThat(store().authLog().newest(u.id()).block()).isEqualTo(24);
        List<AuthEvent> page = store().authLog().page(u.id(), 24, 30).collectList().block();
        Set<String> ids = new HashSet<>();
        page.forEach(e -> ids.add(e.id()));
        assertThat(ids).hasSize(24);
        assertThat(page.get(0).id()).isEqualTo("24");
        assertThat(page.stream().filter(e -> e.result().equals("fail")).count()).isEqualTo(12);
        assertThat(store().authLog().count(u.id()).block()).isEqualTo(24);
    }

    @Test
    default void aspDeletedDuringLoginsIsRefusedAfterwards() {
        User u = fixture().newUser();
        LoginService s = logins();
        AppPassword.Created c = store().asps().create(u.id(), "racy", List.of("*"), null).block();
        for (int round = 0; round < 3; round++) {
            AppPassword.Created asp = round == 0 ? c : store().asps().create(u.id(), "racy", List.of("*"), null).block();
            List<LoginResult> during = Flux.merge(
                            Flux.range(0, 6).flatMap(i -> s.login(LoginRequest.of("pop3", u.username(), asp.password(),
                                    "127.0.0.8", null), null).subscribeOn(Schedulers.parallel())),
                            store().asps().delete(u.id(), asp.asp().id()).then(reactor.core.publisher.Mono.<LoginResult>empty()))
                    .collectList().block();
            assertThat(during).hasSize(6);
            LoginResult after = s.login(LoginRequest.of("pop3", u.username(), asp.password(), "127.0.0.8", null), null).block();
            assertThat(after).isInstanceOf(LoginResult.Failure.class);
            assertThat(store().asps().get(u.id(), asp.asp().id()).blockOptional()).isEmpty();
        }
    }

    @Test
    default void aspScopesExpiryAndTwoFactor() {
        User u = fixture().newUser();
        LoginService s = logins();
        AppPassword.Created imap = store().asps().create(u.id(), "imap", List.of("imap"), null).block();
        AppPassword.Created old = store().asps().create(u.id(), "old", List.of("*"), Instant.now().minusSeconds(1)).block();
        assertThat(s.login(LoginRequest.of("imap", u.username(), imap.password(), "1.2.3.4", null), null).block())
                .isInstanceOfSatisfying(LoginResult.Success.class, ok -> {
                    assertThat(ok.source()).isEqualTo(LoginResult.Source.ASP);
                    assertThat(ok.aspId()).isEqualTo(imap.asp().id());
                    assertThat(ok.aspScopes()).containsExactly("imap");
                    assertThat(ok.event()).isNotNull();
                });
        assertThat(store().asps().get(u.id(), imap.asp().id()).block().lastUse().ip()).isEqualTo("1.2.3.4");
        assertThat(s.login(LoginRequest.of("pop3", u.username(), imap.password(), "1.2.3.4", null), null).block())
                .isEqualTo(new LoginResult.Failure(LoginService.REASON_ASP_SCOPE, false, Duration.ZERO));
        assertThat(s.login(new LoginRequest(u.username(), imap.password(), "api", "master", "1.2.3.4", null), null).block())
                .isEqualTo(new LoginResult.Failure(LoginService.REASON_ASP_SCOPE, false, Duration.ZERO));
        assertThat(s.login(LoginRequest.of("imap", u.username(), old.password(), "1.2.3.4", null), null).block())
                .isEqualTo(new LoginResult.Failure(LoginService.REASON_ASP_EXPIRED, false, Duration.ZERO));
        assertThat(LoginRequest.of("imap", "u", "hunter2", null, null).toString()).doesNotContain("hunter2");
    }

    @Test
    default void limitsPerUserAndAddressAndPerAddress() {
        User u = fixture().newUser();
        LoginService s = new LoginService(store(), Coordination.inJvm().rateLimiter(), new RateLimit(4, Duration.ofMinutes(1)),
                Duration.ofDays(1));
        RateLimit two = new RateLimit(2, Duration.ofMinutes(1));
        for (int i = 0; i < 2; i++) {
            assertThat(s.login(LoginRequest.of("imap", u.username(), "bad", "10.0.0.1", null), two).block())
                    .isInstanceOf(LoginResult.Failure.class);
        }
        LoginResult locked = s.login(LoginRequest.of("imap", u.username(), "secret", "10.0.0.1", null), two).block();
        assertThat(locked).isInstanceOfSatisfying(LoginResult.Failure.class, f -> {
            assertThat(f.throttled()).isTrue();
            assertThat(f.retryAfter()).isPositive();
        });
        assertThat(s.login(LoginRequest.of("imap", u.username(), "secret", "10.0.0.2", null), two).block())
                .isInstanceOf(LoginResult.Success.class);
        // A success elsewhere does not clear the address's count, nor does one from the address clear its own.
        for (int i = 0; i < 2; i++) {
            s.login(LoginRequest.of("imap", "nobody-" + i, "bad", "10.0.0.1", null), two).block();
        }
        LoginResult spray = s.login(LoginRequest.of("pop3", u.username(), "secret", "10.0.0.1", null), two).block();
        assertThat(spray).isInstanceOfSatisfying(LoginResult.Failure.class, f -> assertThat(f.throttled()).isTrue());
    }
}
