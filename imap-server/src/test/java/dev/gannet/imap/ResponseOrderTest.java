package dev.gannet.imap;

import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Untagged data always precedes the tagged response of its command (RFC 3501 §2.2.2), even when the
 * command's steps complete on different threads (a regression: Netty writes at once on the event loop
 * but queues writes from other threads, which once let the tagged OK overtake a FETCH line).
 */
class ResponseOrderTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    @Test
    void fetchDataNeverFollowsTheTaggedOk() throws Exception {
        TestUser user = gannet.createUser();
        var box = gannet.mailbox(user, "INBOX");
        gannet.store().messages().append(new AppendRequest(user.id(), box.id(),
                MessageSource.of(ScriptRunner.message("simple.eml")), Flags.NONE, null, AppendRequest.Origin.LMTP)).block();
        try (ImapTestClient c = ImapTestClient.connect(gannet.port("imap"))) {
            c.readLine();
            c.command("a", "LOGIN " + user.username() + " " + user.password());
            c.command("b", "EXAMINE INBOX");
            for (int i = 0; i < 300; i++) {
                var lines = c.command("f" + i, "FETCH 1 (ENVELOPE BODYSTRUCTURE)");
                assertThat(lines).as("round %d", i).hasSize(2);
                assertThat(lines.get(0)).startsWith("* 1 FETCH (ENVELOPE");
            }
        }
    }
}
