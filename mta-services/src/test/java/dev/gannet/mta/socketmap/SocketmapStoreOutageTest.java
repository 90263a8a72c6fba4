package dev.gannet.mta.socketmap;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.OutageStore;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node's store goes away mid-run: every socketmap lookup answers TEMP and the policy DEFER_IF_PERMIT (Postfix
 * defers the mail rather than refusing it), and once the store is back the same connection answers again.
 */
class SocketmapStoreOutageTest {

    @RegisterExtension
    @Order(1)
    static final OutageStore STORE = OutageStore.open("gannet-socketmap-outage");

    @RegisterExtension
    @Order(2)
    static final GannetExtension gannet = GannetExtension.builder().roles("socketmap", "policy")
            .set(Settings.SOCKETMAP_LOOKUP_TIMEOUT, Duration.ofSeconds(2))
            .set(Settings.POLICY_LOOKUP_TIMEOUT, Duration.ofSeconds(2))
            .set(Settings.MONGO_URI, STORE.uri()).build();

    @Test
    void lookupsAnswerTempWhileTheStoreIsDown() throws Exception {
        TestUser u = gannet.createUser();
        try (SocketmapClient c = new SocketmapClient(gannet.port("socketmap"));
                dev.gannet.mta.policy.PolicyClient p = new dev.gannet.mta.policy.PolicyClient(gannet.port("policy"))) {
            assertThat(c.lookup("mailboxes", u.address().toString())).isEqualTo("OK " + u.address());
            STORE.stop();
            for (String map : new String[] {"domains", "mailboxes", "aliases", "senders"}) {
                String key = map.equals("domains") ? "gannet.test" : u.address().toString();
                assertThat(c.lookup(map, key)).as(map).startsWith("TEMP ");
            }
            assertThat(p.rcpt(u.address().toString(), 0)).isEqualTo("action=DEFER_IF_PERMIT Service temporarily unavailable");

            STORE.restart();
            String after = null;
            for (int attempt = 0; attempt < 60 && !("OK " + u.address()).equals(after); attempt++) {
                after = c.lookup("mailboxes", u.address().toString());
                if (!after.startsWith("OK")) {
                    Thread.sleep(500);
                }
            }
            assertThat(after).isEqualTo("OK " + u.address());
        }
    }
}
