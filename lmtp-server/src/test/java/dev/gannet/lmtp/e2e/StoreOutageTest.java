package dev.gannet.lmtp.e2e;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.OutageStore;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node talks to a durable embedded store that the test runs itself, closes mid-run and reopens on the
 * same port and directory: while it is gone every delivery answers 451 4.3.0 (the MTA keeps the message),
 * and once it is back deliveries succeed again without restarting Gannet; nothing acknowledged is lost.
 */
class StoreOutageTest {

    @RegisterExtension
    @Order(1)
    static final OutageStore STORE = OutageStore.open("gannet-outage");

    @RegisterExtension
    @Order(2)
    static final GannetExtension gannet = GannetExtension.builder().roles("lmtp")
            .set(Settings.MONGO_URI, STORE.uri()).build();

    private static String deliver(RawClient c, TestUser u, String subject) throws IOException {
        String mail = c.command("MAIL FROM:<a@b.test>");
        assertThat(mail).startsWith("250");
        String rcpt = c.command("RCPT TO:<" + u.address() + ">");
        if (!rcpt.startsWith("250")) {
            c.command("RSET");
            return rcpt;
        }
        assertThat(c.command("DATA")).startsWith("354");
        return c.command("Subject: " + subject + "\r\n\r\nbody\r\n.");
    }

    @Test
    void deliveriesAreDeferredWhileTheStoreIsDownAndSucceedOnceItIsBack() throws Exception {
        TestUser u = gannet.createUser();
        try (RawClient c = RawClient.connect(gannet.port("lmtp"))) {
            c.line();
            c.command("LHLO mta.test");
            assertThat(deliver(c, u, "before")).startsWith("250 2.0.0");

            assertThat(c.command("MAIL FROM:<a@b.test>")).startsWith("250");
            assertThat(c.command("RCPT TO:<" + u.address() + ">")).startsWith("250");
            STORE.stop();
            assertThat(c.command("DATA")).startsWith("354");
            assertThat(c.command("Subject: during\r\n\r\nbody\r\n.")).startsWith("451 4.3.0");
            assertThat(deliver(c, u, "during-rcpt")).as("a lookup while the store is down").startsWith("451 4.3.0");

            STORE.restart();
            String after = null;
            for (int attempt = 0; attempt < 60; attempt++) {
                after = deliver(c, u, "after");
                if (after.startsWith("250")) {
                    break;
                }
                assertThat(after).startsWith("451 4.3.0");
                Thread.sleep(500);
            }
            assertThat(after).startsWith("250 2.0.0");
        }
        List<byte[]> inbox = Stored.messages(gannet, u, "INBOX");
        assertThat(inbox).hasSize(2);
        assertThat(new String(inbox.get(0))).contains("Subject: before");
        assertThat(new String(inbox.get(1))).contains("Subject: after");
    }
}
