package dev.gannet.imap.session;

import dev.gannet.imap.protocol.SessionState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 3501 §6.2.3 / §7.2.1: what is offered before and after login, with and without a secure channel. */
class CapabilitiesTest {

    @Test
    void insecureConnectionGetsLoginDisabledAndNoMechanisms() {
        var caps = Capabilities.of(SessionState.NOT_AUTHENTICATED, false, false, 1000);
        assertThat(caps).contains("STARTTLS", "LOGINDISABLED").doesNotContain("AUTH=PLAIN", "AUTH=LOGIN");
    }

    @Test
    void secureOrLoopbackConnectionGetsMechanisms() {
        assertThat(Capabilities.of(SessionState.NOT_AUTHENTICATED, false, true, 1000))
                .contains("STARTTLS", "AUTH=PLAIN", "AUTH=LOGIN").doesNotContain("LOGINDISABLED");
        assertThat(Capabilities.of(SessionState.NOT_AUTHENTICATED, true, true, 1000))
                .contains("AUTH=PLAIN").doesNotContain("STARTTLS", "LOGINDISABLED");
    }

    @Test
    void afterLoginNoAuthenticationCapabilities() {
        assertThat(Capabilities.of(SessionState.AUTHENTICATED, false, true, 1000))
                .doesNotContain("STARTTLS", "AUTH=PLAIN", "LOGINDISABLED")
                .contains("IDLE", "MOVE", "UIDPLUS", "CONDSTORE", "APPENDLIMIT=1000");
        assertThat(Capabilities.has(Capabilities.of(SessionState.AUTHENTICATED, false, true, 5), "APPENDLIMIT")).isTrue();
    }

    @Test
    void imap4rev2IsAdvertisedBesideImap4rev1InEveryState() {
        for (SessionState state : SessionState.values()) {
            assertThat(Capabilities.of(state, false, true, 1000)).startsWith("IMAP4rev1", "IMAP4rev2");
        }
    }
}
