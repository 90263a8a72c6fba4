package dev.gannet.server.auth;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Brute-force limits over real sockets on IMAP, POP3 and {@code POST /authenticate}: failures are counted
 * per user name and client address ({@code imap.authFailureLimit}, {@code pop3.authFailureLimit},
 * {@code api.authFailureLimit}) and per client address overall ({@code auth.addressFailureLimit}). While one
 * address is locked out, even with the right password, the same user logs in from another address, so
 * nobody can lock a user out from afar.
 */
class BruteForceEndToEndTest {

    private static final String ROOT = "root-token-for-brute-force-tests";

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("api", "imap", "pop3")
            .set(Settings.API_ACCESS_TOKEN, ROOT)
            .set(Settings.IMAP_AUTH_FAILURE_DELAY, Duration.ZERO)
            .set(Settings.POP3_AUTH_FAILURE_DELAY, Duration.ZERO)
            .set(Settings.IMAP_AUTH_FAILURE_LIMIT, 3)
            .set(Settings.POP3_AUTH_FAILURE_LIMIT, 3)
            .set(Settings.API_AUTH_FAILURE_LIMIT, 3)
            .set(Settings.AUTH_ADDRESS_FAILURE_LIMIT, 6)
            .build();

    /** One protocol's login: true when it succeeded. */
    interface Login {
        boolean login(String from, String user, String password) throws Exception;
    }

    private void user(String name) throws Exception {
        assertThat(Clients.http(gannet.port("api"), "127.0.0.1", "POST", "/users", ROOT,
                "{\"username\":\"" + name + "\",\"password\":\"right-" + name + "\"}").status()).isEqualTo(200);
    }

    private void check(Login p, String prefix) throws Exception {
        String victim = prefix + "-victim";
        String other = prefix + "-other";
        user(victim);
        user(other);
        String attacker = "127.0." + prefix.length() + "0.1";
        String elsewhere = "127.0." + prefix.length() + "0.2";
        String sprayer = "127.0." + prefix.length() + "0.3";
        for (int i = 0; i < 3; i++) {
            assertThat(p.login(attacker, victim, "guess-" + i)).isFalse();
        }
        // Locked out for this user from this address, whatever the password ...
        assertThat(p.login(attacker, victim, "right-" + victim)).isFalse();
        // ... but the right password from another address works, and so does another user from the same address.
        assertThat(p.login(elsewhere, victim, "right-" + victim)).isTrue();
        assertThat(p.login(attacker, other, "right-" + other)).isTrue();

        // Six failures from one address on six user names lock that address out for everyone.
        for (int i = 0; i < 6; i++) {
            assertThat(p.login(sprayer, prefix + "-nobody-" + i, "x")).isFalse();
        }
        assertThat(p.login(sprayer, other, "right-" + other)).isFalse();
        assertThat(p.login(elsewhere, other, "right-" + other)).isTrue();
    }

    @Test
    void imap() throws Exception {
        check((from, u, pw) -> {
            String r = Clients.imapLogin(gannet.port("imap"), from, u, pw);
            if (!r.startsWith("a OK")) {
                assertThat(r).startsWith("a NO [AUTHENTICATIONFAILED]");
            }
            return r.startsWith("a OK");
        }, "i");
    }

    @Test
    void pop3() throws Exception {
        check((from, u, pw) -> {
            String r = Clients.pop3Login(gannet.port("pop3"), from, u, pw);
            if (!r.startsWith("+OK")) {
                assertThat(r).startsWith("-ERR [AUTH]");
            }
            return r.startsWith("+OK");
        }, "pp");
    }

    @Test
    void api() throws Exception {
        int[] failures = {0};
        check((from, u, pw) -> {
            Clients.Http r = Clients.apiLogin(gannet.port("api"), from, u, pw);
            if (r.status() != 200) {
                failures[0]++;
                // The first three per user and address (and the first six per address) are checked and 401.
                assertThat(r.status()).as(r.body()).isIn(401, 429);
                assertThat(r.json().get("code").asText()).isIn("AuthFailed", "RateLimited");
            }
            return r.status() == 200;
        }, "aaa");
        Clients.Http locked = Clients.apiLogin(gannet.port("api"), "127.0.30.1", "aaa-victim", "right-aaa-victim");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.json().get("code").asText()).isEqualTo("RateLimited");
        assertThat(locked.body()).doesNotContain("right-aaa-victim");
    }
}
