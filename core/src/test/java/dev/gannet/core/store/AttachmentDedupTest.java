package dev.gannet.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.testing.GeneratedMail;
import dev.gannet.core.testing.Messages;
import dev.gannet.core.testing.StoreFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * The same attachment in 1,000 messages is one blob with 1,000 references; expunging them all and running
 * the collector removes it, and leaves an unrelated blob (still referenced) untouched.
 */
class AttachmentDedupTest {

    @Test
    void oneBlobForAThousandCopiesAndCollectedAfterExpunge() {
        try (StoreFixture fx = StoreFixture.memory()) {
            User u = fx.newUser();
            Mailbox inbox = fx.store().mailboxes().get(u.id(), MailboxName.INBOX).block();
            Mailbox archive = fx.store().mailboxes().get(u.id(), MailboxName.of("Archive")).block();
            byte[] attachment = GeneratedMail.random(7, 96 * 1024);
            byte[] encoded = GeneratedMail.base64(attachment, 76, "\r\n", false).getBytes(StandardCharsets.US_ASCII);

            byte[] other = GeneratedMail.withAttachment("keep", "base64",
                    GeneratedMail.base64(GeneratedMail.random(8, 200_000), 76, "\r\n", false)
                            .getBytes(StandardCharsets.US_ASCII), "\r\n");
            Appended kept = fx.store().messages().append(request(u, archive, other)).block();
            List<BlobInfo> before = fx.store().blobs().list().collectList().block();
            assertThat(before).hasSize(1);

            Flux.range(0, 1000)
                    .flatMap(i -> fx.store().messages().append(request(u, inbox,
                            GeneratedMail.withAttachment("copy " + i, "base64", encoded, "\r\n"))), 4)
                    .blockLast();
            List<BlobInfo> blobs = fx.store().blobs().list().collectList().block();
            assertThat(blobs).hasSize(2);
            BlobInfo shared = blobs.stream().filter(b -> b.length() == attachment.length).findFirst().orElseThrow();
            assertThat(shared.refCount()).isEqualTo(1000);
            assertThat(fx.store().mailboxes().byId(inbox.id()).block().messages()).isEqualTo(1000);

            assertThat(fx.store().messages().expunge(inbox.id(), UidSet.ALL).block()).hasSize(1000);
            assertThat(fx.store().blobs().info(shared.hash()).block().refCount())
                    .as("expunged messages keep their bytes until purged").isEqualTo(1000);
            assertThat(fx.store().maintenance().purgeExpunged().block()).isEqualTo(1000);
            assertThat(fx.store().blobs().info(shared.hash()).block().refCount()).isZero();
            assertThat(fx.store().blobs().collect(Duration.ofHours(1)).block()).as("grace protects").isZero();
            assertThat(fx.store().blobs().collect(Duration.ZERO).block()).isEqualTo(1);

            assertThat(fx.store().blobs().list().collectList().block()).containsExactlyElementsOf(before);
            assertThat(Messages.bytes(fx.store().messages().raw(archive.id(), kept.uid()).block())).isEqualTo(other);
            assertThat(fx.store().quota().get(u.id()).block().used()).isEqualTo(other.length);
        }
    }

    private static AppendRequest request(User u, Mailbox box, byte[] raw) {
        return new AppendRequest(u.id(), box.id(), MessageSource.of(raw), Flags.NONE, null, AppendRequest.Origin.LMTP);
    }
}
