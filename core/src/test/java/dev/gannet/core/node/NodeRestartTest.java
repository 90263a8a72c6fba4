package dev.gannet.core.node;

import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Appended;
import dev.gannet.core.store.Content;
import dev.gannet.core.store.Flag;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.UidSet;
import dev.gannet.core.store.User;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A node restarted on the same data directory (durable H2 store) finds everything written before. */
class NodeRestartTest {

    @RegisterExtension
    final GannetExtension gannet = GannetExtension.builder().roles().durable().build();

    @Test
    void restartedNodeSeesUsersMailboxesAndMessageBytes() {
        TestUser alice = gannet.createUser();
        Mailbox inbox = gannet.mailbox(alice, "INBOX");
        byte[] raw = ("From: a@example.org\r\nSubject: before restart\r\n\r\nbody \u00e9\r\n")
                .getBytes(StandardCharsets.UTF_8);
        Appended appended = gannet.store().messages()
                .append(new AppendRequest(alice.id(), inbox.id(), new MessageSource.Bytes(raw), Flags.of(Flag.FLAGGED),
                        null, AppendRequest.Origin.INTERNAL))
                .block(Duration.ofSeconds(30));

        gannet.stopNode();
        gannet.start();

        User again = gannet.store().users().authenticate(alice.username(), alice.password()).block(Duration.ofSeconds(30));
        assertThat(again.id()).isEqualTo(alice.id());
        Mailbox inboxAgain = gannet.mailbox(alice, "INBOX");
        assertThat(inboxAgain.uidValidity()).isEqualTo(appended.uidValidity());
        assertThat(gannet.store().messages().list(inbox.id(), UidSet.ALL).collectList().block(Duration.ofSeconds(30)))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.uid()).isEqualTo(appended.uid());
                    assertThat(m.flags().has(Flag.FLAGGED)).isTrue();
                    assertThat(m.size()).isEqualTo(raw.length);
                });
        Content content = gannet.store().messages().raw(inbox.id(), appended.uid()).block(Duration.ofSeconds(30));
        assertThat(bytes(content.bytes())).isEqualTo(raw);
    }

    private static byte[] bytes(Flux<ByteBuffer> flux) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        flux.doOnNext(b -> {
            byte[] a = new byte[b.remaining()];
            b.get(a);
            out.writeBytes(a);
        }).blockLast(Duration.ofSeconds(30));
        return out.toByteArray();
    }
}
