package dev.gannet.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.testing.GeneratedMail;
import dev.gannet.core.testing.StoreFixture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** After a seeded random mix of 2,000 appends, copies and expunges, storage used equals the sum of sizes. */
class QuotaRandomTest {

    @Test
    void usageStaysExact() {
        try (StoreFixture fx = StoreFixture.memory()) {
            User u = fx.newUser();
            List<Mailbox> boxes = List.of(box(fx, u, "INBOX"), box(fx, u, "Archive"), box(fx, u, "Trash"));
            Random rnd = new Random(20240601);
            for (int op = 0; op < 2000; op++) {
                Mailbox m = boxes.get(rnd.nextInt(boxes.size()));
                int kind = rnd.nextInt(10);
                if (kind < 6) {
                    byte[] raw = rnd.nextInt(20) == 0
                            ? GeneratedMail.withAttachment("big" + op, "base64", GeneratedMail.base64(
                                    GeneratedMail.random(rnd.nextInt(3), 70_000), 76, "\r\n", false)
                                    .getBytes(StandardCharsets.US_ASCII), "\r\n")
                            : ("Subject: " + op + "\r\n\r\n" + "x".repeat(rnd.nextInt(3000))).getBytes(StandardCharsets.US_ASCII);
                    fx.store().messages().append(new AppendRequest(u.id(), m.id(), MessageSource.of(raw),
                            Flags.NONE, null, AppendRequest.Origin.API)).block();
                } else if (kind < 8) {
                    long from = 1 + rnd.nextInt(Math.max(1, (int) op));
                    fx.store().messages().copy(m.id(), UidSet.range(from, from + rnd.nextInt(3)),
                            boxes.get(rnd.nextInt(boxes.size())).id()).block();
                } else {
                    long from = 1 + rnd.nextInt(Math.max(1, (int) op));
                    fx.store().messages().expunge(m.id(), UidSet.range(from, from + rnd.nextInt(4))).block();
                }
            }
            long sum = 0;
            long count = 0;
            for (Mailbox m : boxes) {
                List<MessageMeta> metas = fx.store().messages().list(m.id(), UidSet.ALL).collectList().block();
                sum += metas.stream().mapToLong(MessageMeta::size).sum();
                count += metas.size();
                Mailbox now = fx.store().mailboxes().byId(m.id()).block();
                assertThat(now.bytes()).isEqualTo(metas.stream().mapToLong(MessageMeta::size).sum());
                assertThat(now.messages()).isEqualTo(metas.size());
            }
            assertThat(count).isPositive();
            assertThat(fx.store().quota().get(u.id()).block().used()).isEqualTo(sum);
            assertThat(fx.store().quota().recount(u.id()).block().used()).isEqualTo(sum);
        }
    }

    private static Mailbox box(StoreFixture fx, User u, String name) {
        return fx.store().mailboxes().get(u.id(), MailboxName.of(name)).block();
    }
}
