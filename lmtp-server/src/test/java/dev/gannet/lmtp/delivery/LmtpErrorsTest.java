package dev.gannet.lmtp.delivery;

import dev.gannet.core.error.GannetException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LmtpErrorsTest {

    private static String reply(Throwable t, boolean overQuotaTemporary) {
        return LmtpErrors.of(t, overQuotaTemporary).reply().summary();
    }

    @Test
    void mapsEveryFailureToItsReply() {
        assertThat(reply(new GannetException.OverQuota(10, 10, 5), false)).startsWith("552 5.2.2");
        assertThat(reply(new GannetException.OverQuota(10, 10, 5), true)).startsWith("452 4.2.2");
        assertThat(reply(new GannetException.TooBig("x"), false)).startsWith("552 5.3.4");
        assertThat(reply(new GannetException.Rejected("p", "go away\r\n250 fake"), false))
                .isEqualTo("550 5.7.1 go away  250 fake");
        assertThat(reply(GannetException.unavailable("down", null), false)).startsWith("451 4.3.0");
        assertThat(reply(GannetException.conflict("race"), false)).startsWith("451 4.3.0");
        assertThat(reply(GannetException.notFound("INBOX"), false)).startsWith("451 4.3.0");
        assertThat(reply(GannetException.invalid("bad"), false)).startsWith("550 5.6.0");
        assertThat(reply(new IllegalStateException("bug"), false)).as("unknown failures are temporary").startsWith("451 4.3.0");
    }
}
