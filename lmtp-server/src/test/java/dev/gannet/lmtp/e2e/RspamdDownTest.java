package dev.gannet.lmtp.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestSecrets;
import dev.gannet.core.testing.TestUser;
import dev.gannet.delivery.spam.RspamdCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With rspamd stopped (nothing listens on its port), LMTP delivery continues: every message is stored in INBOX,
 * each bypass is counted, and the WARN about it comes once, not once per message, without message content or the
 * password.
 */
class RspamdDownTest {

    static final String SECRET = TestSecrets.register("down-controller-secret");

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("lmtp")
            .set(Settings.RSPAMD_ENABLED, true)
            .set(Settings.RSPAMD_URL, "http://127.0.0.1:" + FakeRspamd.freePort())
            .set(Settings.RSPAMD_PASSWORD, SECRET)
            .build();

    @TempDir
    Path dir;

    @BeforeAll
    static void meters() {
        FakeRspamd.countMeters(gannet);
    }

    private double bypassed() {
        return FakeRspamd.count(gannet, "gannet.rspamd.bypassed", "reason", "down");
    }

    @Test
    void deliveryContinuesAndTheBypassCounterMoves() throws Exception {
        TestUser u = gannet.createUser();
        Logger logger = (Logger) LoggerFactory.getLogger(RspamdCheck.class);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        logger.addAppender(captured);
        try {
            double before = bypassed();
            for (int n = 0; n < 3; n++) {
                Path f = Files.createTempFile(dir, "msg", ".eml");
                Files.write(f, DeliveryTest.message("while down " + n, "", "SECRET-BODY-TEXT " + n + "\r\n"));
                PythonLmtp.Result r = PythonLmtp.run(60, "deliver", "" + gannet.port("lmtp"), "s@example.org", f.toString(),
                        u.address().toString());
                assertThat(r.reply("DATA", u.address().toString())).startsWith("250 2.0.0");
            }
            assertThat(Stored.messages(gannet, u, "INBOX")).hasSize(3);
            assertThat(bypassed() - before).isEqualTo(3);
            List<String> warnings = captured.list.stream().filter(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(warnings).as("one warning for the burst").hasSize(1);
            assertThat(warnings.get(0)).contains("rspamd down").doesNotContain("SECRET-BODY-TEXT", "while down",
                    SECRET);
        } finally {
            logger.detachAppender(captured);
        }
    }
}
