package dev.gannet.imap;

import dev.gannet.core.config.Settings;
import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.Messages;
import dev.gannet.core.testing.OutageStore;
import dev.gannet.core.testing.TestUser;
import dev.gannet.imap.FetchResponses.Fetch;
import dev.gannet.imap.FetchResponses.Response;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node's store (a durable embedded store the test runs itself, as lmtp-server's StoreOutageTest does) goes
 * away while a session has a mailbox selected: FETCH answers {@code NO [UNAVAILABLE]} (RFC 5530) with no data
 * before it, the connection stays usable, and once the store is back the same FETCH answers in full.
 */
class FetchStoreOutageTest {

    @RegisterExtension
    @Order(1)
    static final OutageStore STORE = OutageStore.open("gannet-imap-outage");

    @RegisterExtension
    @Order(2)
    static final GannetExtension gannet = GannetExtension.builder().roles("imap")
            .set(Settings.MONGO_URI, STORE.uri()).build();

    @Test
    void fetchWhileTheStoreIsDownAnswersUnavailableAndWorksOnceItIsBack() throws Exception {
        TestUser user = gannet.createUser();
        Mailbox inbox = gannet.mailbox(user, "INBOX");
        for (int i = 1; i <= 2; i++) {
            gannet.store().messages().append(new AppendRequest(user.id(), inbox.id(),
                    MessageSource.of(Messages.simple("m" + i, "body " + i)), Flags.NONE, null, AppendRequest.Origin.LMTP))
                    .block();
        }
        try (ImapTestClient c = ImapTestClient.connect(gannet.port("imap"))) {
            c.timeout(30_000);
            c.readLine();
            c.command("a", "LOGIN " + user.username() + " " + user.password());
            assertThat(c.command("b", "SELECT INBOX")).last().asString().startsWith("b OK");

            STORE.stop();
            for (String items : List.of("(UID FLAGS BODY.PEEK[])", "BODY[TEXT]")) {
                List<Response> down = FetchResponses.command(c, "f", "FETCH 1:2 " + items);
                assertThat(down).as(items).hasSize(1);
                assertThat(down.get(0).first()).startsWith("f NO [UNAVAILABLE] ");
            }

            STORE.restart();
            List<Response> up = null;
            for (int attempt = 0; attempt < 60; attempt++) {
                up = FetchResponses.command(c, "g", "FETCH 1:2 (UID FLAGS BODY.PEEK[])");
                if (!up.get(up.size() - 1).first().startsWith("g NO [UNAVAILABLE]")) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(up.get(up.size() - 1).first()).isEqualTo("g OK Fetch completed");
            assertThat(up.stream().filter(Response::isFetch).map(FetchResponses::parse)).extracting(Fetch::uid)
                    .containsExactly(1L, 2L);
        }
    }
}
