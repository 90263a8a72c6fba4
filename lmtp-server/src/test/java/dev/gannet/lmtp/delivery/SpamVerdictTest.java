package dev.gannet.lmtp.delivery;

import dev.gannet.core.config.Settings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SpamVerdictTest {

    private final SpamVerdict defaults = new SpamVerdict(Settings.LMTP_SPAM_HEADERS.defaultValue());

    private boolean spam(String message) throws Exception {
        return defaults.isSpam(new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void recognisesTheDefaultVerdicts() throws Exception {
        assertThat(spam("X-Spam-Status: Yes, score=7.5\r\n\r\nbody")).isTrue();
        assertThat(spam("x-spam-status: yes\r\n\r\n")).isTrue();
        assertThat(spam("X-Spam-Flag: YES\r\n\r\n")).isTrue();
        assertThat(spam("X-Rspamd-Action: add header\r\n\r\n")).isTrue();
        assertThat(spam("X-Rspamd-Action: rewrite subject\r\n\r\n")).isTrue();
        assertThat(spam("Subject: x\r\nX-Spam-Status:\r\n Yes, score=9\r\n\r\n")).as("folded").isTrue();
    }

    @Test
    void ignoresOtherVerdictsAndTheBody() throws Exception {
        assertThat(spam("X-Spam-Status: No, score=0.1\r\n\r\n")).isFalse();
        assertThat(spam("X-Spam-Flag: NO\r\n\r\n")).isFalse();
        assertThat(spam("X-Spam-Status: Yesterday\r\n\r\n")).isFalse();
        assertThat(spam("X-Rspamd-Action: no action\r\n\r\n")).isFalse();
        assertThat(spam("Subject: hi\r\n\r\nX-Spam-Flag: YES\r\n")).as("only the header counts").isFalse();
        assertThat(new SpamVerdict(java.util.List.of()).isSpam(new ByteArrayInputStream(
                "X-Spam-Flag: YES\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))).isFalse();
    }
}
