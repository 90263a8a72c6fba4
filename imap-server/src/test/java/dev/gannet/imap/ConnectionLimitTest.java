package dev.gannet.imap;

import dev.gannet.core.config.Settings;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code imap.maxConnectionsPerUser}: a login beyond it answers {@code NO [LIMIT]} (RFC 5530); closing frees a slot. */
class ConnectionLimitTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap")
            .set(Settings.IMAP_MAX_CONNECTIONS_PER_USER, 2).build();

    private ImapTestClient open() throws Exception {
        ImapTestClient c = ImapTestClient.connect(gannet.port("imap"));
        c.readLine();
        return c;
    }

    @Test
    void perUserLimit() throws Exception {
        TestUser user = gannet.createUser();
        String login = "LOGIN " + user.username() + " " + user.password();
        try (ImapTestClient a = open(); ImapTestClient b = open()) {
            assertThat(a.command("a", login).get(0)).startsWith("a OK");
            assertThat(b.command("b", login).get(0)).startsWith("b OK");
            try (ImapTestClient c = open()) {
                assertThat(c.command("c", login)).containsExactly("c NO [LIMIT] Too many connections for this user");
                TestUser other = gannet.createUser();
                assertThat(c.command("d", "LOGIN " + other.username() + " " + other.password()).get(0)).startsWith("d OK");
            }
            a.command("x", "LOGOUT");
            assertThat(a.readLine()).isNull();
            String retry;
            int tries = 0;
            do {
                try (ImapTestClient d = open()) {
                    retry = d.command("e", login).get(0);
                }
            } while (retry.startsWith("e NO [LIMIT]") && ++tries < 200);
            assertThat(retry).startsWith("e OK");
        }
    }
}
