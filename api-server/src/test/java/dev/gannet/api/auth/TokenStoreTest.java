package dev.gannet.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.coord.Coordination;
import dev.gannet.core.store.UserId;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A token waiting for its second factor, passing it, and revocation winning over a late pass. */
class TokenStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private final Coordination coordination = Coordination.inJvm();
    private final TokenStore tokens = new TokenStore(coordination.cache(), Duration.ofMinutes(5));

    @AfterEach
    void close() throws Exception {
        coordination.close();
    }

    @Test
    void aPendingTokenBecomesFullOnlyAfterItsSecondFactor() {
        UserId user = new UserId("u1");
        String hash = TokenStore.hash(tokens.issue(user, "master", true).block(WAIT));
        assertThat(tokens.info(hash).block(WAIT)).isEqualTo(new TokenStore.TokenInfo(user, "master", true));
        tokens.completeSecondFactor(hash).block(WAIT);
        assertThat(tokens.info(hash).block(WAIT)).isEqualTo(new TokenStore.TokenInfo(user, "master", false));
    }

    @Test
    void aSecondFactorPassedAfterRevocationDoesNotBringTheTokenBack() {
        UserId user = new UserId("u2");
        String hash = TokenStore.hash(tokens.issue(user, "imap", true).block(WAIT));
        tokens.revoke(hash).block(WAIT);
        tokens.completeSecondFactor(hash).block(WAIT);
        assertThat(tokens.info(hash).blockOptional(WAIT)).isEmpty();
        String other = TokenStore.hash(tokens.issue(user, "imap", false).block(WAIT));
        tokens.revokeAll(user).block(WAIT);
        assertThat(tokens.lookup(other).blockOptional(WAIT)).isEmpty();
    }
}
