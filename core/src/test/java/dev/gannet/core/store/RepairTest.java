package dev.gannet.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoCollection;
import dev.gannet.core.store.internal.StoreOptions;
import dev.gannet.core.testing.GeneratedMail;
import dev.gannet.core.testing.Messages;
import dev.gannet.core.testing.StoreFixture;
import dev.gannet.core.testing.StoreInvariants;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a crash between two writes leaves, made by hand below the API, and what repair and the store check make
 * of it (docs/store.md "Repair"). The repair grace is zero here, so anything already written counts as crashed.
 */
class RepairTest {

    private StoreFixture fx;
    private MailStore store;

    @BeforeEach
    void open() {
        fx = StoreFixture.memory(StoreOptions.forTests().withRepairGrace(Duration.ZERO), List.of());
        store = fx.store();
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private MongoCollection<Document> col(String name) {
        return fx.database().getCollection(name);
    }

    private Mailbox box(User u, String name) {
        return store.mailboxes().get(u.id(), MailboxName.of(name)).block();
    }

    private Appended append(User u, Mailbox box, byte[] raw) {
        return store.messages().append(new AppendRequest(u.id(), box.id(), MessageSource.of(raw), Flags.NONE, null,
                AppendRequest.Origin.API)).block();
    }

    private static byte[] withAttachment(String subject) {
        return GeneratedMail.withAttachment(subject, "base64", GeneratedMail.base64(GeneratedMail.random(5, 100_000), 76,
                "\r\n", true).getBytes(StandardCharsets.US_ASCII), "\r\n");
    }

    private static void pause() throws InterruptedException {
        Thread.sleep(5); // past the grace of zero at millisecond precision
    }

    @Test
    void aRenameOfATreeInterruptedHalfWayIsRolledForward() throws Exception {
        User u = fx.newUser();
        store.mailboxes().create(u.id(), MailboxName.of("Folder")).block();
        for (int i = 0; i < 4; i++) {
            store.mailboxes().create(u.id(), MailboxName.of("Folder/Sub" + i)).block();
        }
        append(u, box(u, "Folder/Sub2"), Messages.simple("kept", "b"));
        List<Document> moves = store.mailboxes().list(u.id()).filter(m -> m.name().path().startsWith("Folder"))
                .map(m -> new Document("id", m.id().value()).append("from", m.name().path())
                        .append("to", "Renamed" + m.name().path().substring("Folder".length())))
                .collectList().block();
        // the crash came after the intent was recorded and the first two mailboxes were renamed
        Mono.from(col("users").updateOne(new Document("_id", u.id().value()), new Document("$set", new Document("tree",
                new Document("kind", "rename").append("token", "t1").append("at", new Date()).append("moves", moves))))).block();
        for (Document m : moves.subList(0, 2)) {
            Mono.from(col("mailboxes").updateOne(new Document("_id", m.getString("id")),
                    new Document("$set", new Document("path", m.getString("to"))))).block();
        }
        pause();

        assertThat(store.maintenance().repair().block()).startsWith("1 mailbox tree changes");

        assertThat(store.mailboxes().list(u.id()).map(m -> m.name().path()).collectList().block())
                .contains("Renamed", "Renamed/Sub0", "Renamed/Sub1", "Renamed/Sub2", "Renamed/Sub3")
                .noneMatch(p -> p.startsWith("Folder"));
        assertThat(box(u, "Renamed/Sub2").messages()).isEqualTo(1);
        assertThat(Mono.from(col("users").find(new Document("_id", u.id().value())).first()).block()).doesNotContainKey("tree");
        store.mailboxes().create(u.id(), MailboxName.of("Again")).block();
        store.mailboxes().rename(u.id(), MailboxName.of("Again"), MailboxName.of("Again2")).block();
    }

    @Test
    void aDeleteInterruptedAfterTheMailboxDocumentIsFinished() throws Exception {
        User u = fx.newUser();
        User other = fx.newUser();
        Mailbox big = store.mailboxes().create(u.id(), MailboxName.of("Big")).block();
        for (int i = 0; i < 5; i++) {
            append(u, big, i == 0 ? withAttachment("shared") : Messages.simple("m" + i, "b"));
        }
        Appended theirs = append(other, box(other, "INBOX"), withAttachment("shared"));
        Mono.from(col("users").updateOne(new Document("_id", u.id().value()), new Document("$set", new Document("tree",
                new Document("kind", "delete").append("token", "t2").append("at", new Date())
                        .append("mailbox", big.id().value()).append("path", "Big"))))).block();
        Mono.from(col("mailboxes").deleteOne(new Document("_id", big.id().value()))).block();
        pause();

        store.maintenance().repair().block();

        assertThat(Flux.from(col("messages").find(new Document("mailbox", big.id().value()))).collectList().block()).isEmpty();
        assertThat(store.quota().get(u.id()).block().used()).isZero();
        new StoreInvariants(fx.database()).check();
        assertThat(Messages.bytes(store.messages().raw(box(other, "INBOX").id(), theirs.uid()).block()))
                .isEqualTo(withAttachment("shared"));
    }

    @Test
    void anExpungeInterruptedAfterItsClaimIsFinishedAndAMoveIsUndone() throws Exception {
        User u = fx.newUser();
        Mailbox inbox = box(u, "INBOX");
        for (int i = 0; i < 6; i++) {
            append(u, inbox, Messages.simple("m" + i, "b"));
        }
        String expunged = inbox.id().value() + ":1";
        String moving = inbox.id().value() + ":2";
        Mono.from(col("ops").insertOne(new Document("_id", "op-x").append("kind", "expunge")
                .append("mailbox", inbox.id().value()).append("ids", List.of(expunged)).append("stage", "claimed")
                .append("at", new Date()))).block();
        Mono.from(col("ops").insertOne(new Document("_id", "op-m").append("kind", "move")
                .append("mailbox", inbox.id().value()).append("to", box(u, "Archive").id().value())
                .append("ids", List.of(moving)).append("stage", "claimed").append("at", new Date()))).block();
        Mono.from(col("messages").updateOne(new Document("_id", expunged), new Document("$set", new Document("x", "op-x")))).block();
        Mono.from(col("messages").updateOne(new Document("_id", moving), new Document("$set", new Document("x", "op-m")))).block();
        long modseq = box(u, "INBOX").highestModseq().value();
        pause();

        assertThat(store.maintenance().repair().block()).contains("2 expunges or moves");

        assertThat(store.messages().uids(inbox.id()).block()).containsExactly(2, 3, 4, 5, 6);
        assertThat(box(u, "INBOX").messages()).isEqualTo(5);
        JournalPage page = store.journal().changesSince(inbox.id(), ModSeq.of(modseq)).block();
        assertThat(page.entries()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(JournalEntry.Kind.EXPUNGED);
            assertThat(e.uids()).containsExactly(Uid.of(1));
        });
        new StoreInvariants(fx.database()).check();
        assertThat(store.maintenance().purgeExpunged().block()).isEqualTo(1);
    }

    @Test
    void theCheckRemovesWhatACrashLeftAndRepairsBlobCounts() throws Exception {
        User u = fx.newUser();
        Mailbox inbox = box(u, "INBOX");
        Appended a = append(u, inbox, withAttachment("one"));
        Appended b = append(u, inbox, GeneratedMail.withAttachment("two", "base64", GeneratedMail.base64(
                GeneratedMail.random(6, 100_000), 76, "\r\n", true).getBytes(StandardCharsets.US_ASCII), "\r\n"));
        String blobA = blobOf(inbox, a);
        String blobB = blobOf(inbox, b);
        // a bytes document whose message was never written (an ingest that crashed between its two writes)
        Document body = Mono.from(col("bodies").find(new Document("_id", inbox.id().value() + ":" + a.uid().value())).first()).block();
        Mono.from(col("bodies").insertOne(new Document(body).append("_id", inbox.id().value() + ":999")
                .append("uid", 999L).append("at", new Date(0)))).block();
        Mono.from(col("attachments.files").updateOne(new Document("_id", blobA), new Document("$inc", new Document("refs", 1L)))).block();
        // a message of a mailbox that is gone
        Mono.from(col("messages").insertOne(new Document("_id", "gone:1").append("mailbox", "gone").append("uid", 1L)
                .append("user", u.id().value()).append("size", 10L).append("x", "old"))).block();
        // a count left high by a crash during ingest
        Mono.from(col("attachments.files").updateOne(new Document("_id", blobB), new Document("$inc", new Document("refs", 2L))
                .append("$set", new Document("changed", new Date(0))))).block();
        pause();

        String summary = store.maintenance().check().block();

        assertThat(summary).isEqualTo("1 bytes documents without a message, 1 messages of deleted mailboxes removed; "
                + "1 attachment counts repaired");
        assertThat(store.blobs().info(new BlobHash(blobA)).block().refCount()).isEqualTo(1);
        assertThat(store.blobs().info(new BlobHash(blobB)).block().refCount()).isEqualTo(1);
        new StoreInvariants(fx.database()).check();
        assertThat(Messages.bytes(store.messages().raw(inbox.id(), a.uid()).block())).isEqualTo(withAttachment("one"));
    }

    private String blobOf(Mailbox box, Appended a) {
        return Mono.from(col("bodies").find(new Document("_id", box.id().value() + ":" + a.uid().value())).first()).block()
                .getList("blobs", String.class).get(0);
    }

    @Test
    void theCollectorKeepsABlobThatAMessageNamesWhateverItsCount() throws Exception {
        User u = fx.newUser();
        Mailbox inbox = box(u, "INBOX");
        Appended a = append(u, inbox, withAttachment("kept"));
        String blob = store.blobs().list().blockFirst().hash().hex();
        Mono.from(col("attachments.files").updateOne(new Document("_id", blob),
                new Document("$set", new Document("refs", 0L).append("changed", new Date(0))))).block();

        assertThat(store.blobs().collect(Duration.ZERO).block()).isZero();
        assertThat(store.blobs().info(new BlobHash(blob)).block().refCount()).isEqualTo(1);

        Mono.from(col("attachments.files").updateOne(new Document("_id", blob),
                new Document("$set", new Document("refs", -3L).append("changed", new Date(0))))).block();
        assertThat(store.blobs().collect(Duration.ZERO).block()).isZero();
        assertThat(store.blobs().info(new BlobHash(blob)).block().refCount()).isEqualTo(1);
        new StoreInvariants(fx.database()).check();
        assertThat(Messages.bytes(store.messages().raw(inbox.id(), a.uid()).block())).isEqualTo(withAttachment("kept"));
    }
}
