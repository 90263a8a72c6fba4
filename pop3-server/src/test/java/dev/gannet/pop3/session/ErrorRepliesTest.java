package dev.gannet.pop3.session;

import dev.gannet.core.error.GannetException;
import dev.gannet.pop3.protocol.Pop3Exception;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one mapper from failures to POP3 replies with RFC 2449 / RFC 3206 response codes. */
class ErrorRepliesTest {

    @Test
    void mapsStoreAndProtocolFailures() {
        assertThat(ErrorReplies.toReply(GannetException.unavailable("mongo down at 10.0.0.1", null)).text())
                .isEqualTo("-ERR [SYS/TEMP] temporary failure, try again later");
        assertThat(ErrorReplies.toReply(GannetException.conflict("x")).text()).startsWith("-ERR [SYS/TEMP]");
        assertThat(ErrorReplies.toReply(new GannetException.AuthFailed()).text()).isEqualTo("-ERR [AUTH] authentication failed");
        assertThat(ErrorReplies.toReply(GannetException.notFound("uid 7")).text()).isEqualTo("-ERR no such message");
        assertThat(ErrorReplies.toReply(new Pop3Exception("IN-USE", "busy")).text()).isEqualTo("-ERR [IN-USE] busy");
        assertThat(ErrorReplies.toReply(new IllegalStateException("internal detail")).text())
                .isEqualTo("-ERR [SYS/TEMP] internal error, try again later");
    }
}
