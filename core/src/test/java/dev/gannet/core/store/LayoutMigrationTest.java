package dev.gannet.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.reactivestreams.client.MongoCollection;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.testing.GeneratedMail;
import dev.gannet.core.testing.Messages;
import dev.gannet.core.testing.StoreFixture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A store written before messages were split into a listed document and a bytes document is brought up to
 * date at the next start: every message reads back byte for byte, body-text search finds it, and expunge
 * still releases its blob. Mailboxes given a special use before the unique use key existed get the key, so a
 * second mailbox with that use is refused afterwards. Addresses stored before they carried their domain get it,
 * so the domains they are in count as hosted.
 */
class LayoutMigrationTest {

    private static final List<String> BODY_FIELDS = List.of("hdr", "txt", "sec", "text", "seg", "blobs");

    @Test
    void aStoreInTheOldLayoutIsSplitAtTheNextStart() {
        try (StoreFixture fx = StoreFixture.memory()) {
            User u = fx.newUser();
            Mailbox inbox = fx.store().mailboxes().get(u.id(), MailboxName.INBOX).block();
            byte[] withBlob = GeneratedMail.withAttachment("big", "base64",
                    GeneratedMail.base64(GeneratedMail.random(3, 120_000), 76, "\r\n", false)
                            .getBytes(StandardCharsets.US_ASCII), "\r\n");
            byte[] plain = "Subject: birds\r\n\r\nA pelican flew by.\r\n".getBytes(StandardCharsets.US_ASCII);
            Appended a = fx.store().messages().append(request(u, inbox, withBlob)).block();
            Appended b = fx.store().messages().append(request(u, inbox, plain)).block();

            MongoCollection<Document> messages = fx.database().getCollection("messages");
            MongoCollection<Document> bodies = fx.database().getCollection("bodies");
            for (Document body : Flux.from(bodies.find()).collectList().block()) {
                Document fields = new Document();
                BODY_FIELDS.forEach(f -> fields.append(f, body.get(f)));
                Mono.from(messages.updateOne(new Document("_id", body.get("_id")), new Document("$set", fields))).block();
            }
            Mono.from(bodies.deleteMany(new Document())).block();
            Mono.from(fx.database().getCollection("schema").deleteMany(new Document())).block();
            assertThat(fx.store().messages().raw(inbox.id(), a.uid()).block()).as("old layout, not migrated").isNull();

            fx.store().ensureSchema().block();

            assertThat(Messages.bytes(fx.store().messages().raw(inbox.id(), a.uid()).block())).isEqualTo(withBlob);
            assertThat(Messages.bytes(fx.store().messages().raw(inbox.id(), b.uid()).block())).isEqualTo(plain);
            assertThat(fx.store().messages().search(inbox.id(), new SearchKey.Text("pelican")).block())
                    .containsExactly(b.uid());
            assertThat(Flux.from(messages.find()).collectList().block())
                    .allSatisfy(m -> assertThat(m).doesNotContainKeys(BODY_FIELDS.toArray(String[]::new)));
            BlobInfo blob = fx.store().blobs().list().blockFirst();
            assertThat(blob.refCount()).isEqualTo(1);

            assertThat(fx.store().messages().expunge(inbox.id(), UidSet.ALL).block()).hasSize(2);
            fx.store().maintenance().purgeExpunged().block();
            assertThat(fx.store().blobs().info(blob.hash()).block().refCount()).isZero();
            assertThat(Flux.from(bodies.find()).collectList().block()).isEmpty();
        }
    }

    @Test
    void aSpecialUseMailboxWithoutUseKeyGetsItAtTheNextStart() {
        try (StoreFixture fx = StoreFixture.memory()) {
            User u = fx.newUser(); // Sent, Drafts, Trash, Junk and Archive, each with its use
            User other = fx.newUser();
            MailboxStore boxes = fx.store().mailboxes();
            MongoCollection<Document> mailboxes = fx.database().getCollection("mailboxes");
            Document noKey = new Document("$unset", new Document("useKey", ""));
            Mono.from(mailboxes.updateMany(new Document(), noKey)).block();
            Mono.from(mailboxes.deleteOne(new Document("user", other.id().value()).append("path", "Archive"))).block();
            Mono.from(fx.database().getCollection("schema").deleteMany(new Document())).block();
            // what an older version allowed: a second \Junk mailbox for the same user
            boxes.create(u.id(), new MailboxName("Junk 2"), Optional.of(SpecialUse.JUNK)).block();
            Mono.from(mailboxes.updateMany(new Document(), noKey)).block();

            fx.store().ensureSchema().block();
            fx.store().ensureSchema().block();

            assertThatThrownBy(() -> boxes.create(u.id(), new MailboxName("New Sent"), Optional.of(SpecialUse.SENT)).block())
                    .isInstanceOf(GannetException.class);
            assertThatThrownBy(() -> boxes.create(u.id(), new MailboxName("New Junk"), Optional.of(SpecialUse.JUNK)).block())
                    .isInstanceOf(GannetException.class);
            assertThat(boxes.get(u.id(), new MailboxName("New Sent")).block()).isNull();
            assertThat(boxes.get(u.id(), new MailboxName("Junk 2")).block().specialUse()).contains(SpecialUse.JUNK);
            assertThat(boxes.create(other.id(), new MailboxName("Archive 2"), Optional.of(SpecialUse.ARCHIVE)).block()
                    .specialUse()).contains(SpecialUse.ARCHIVE);
            assertThat(Flux.from(mailboxes.find(new Document("useKey", new Document("$exists", true)))).count().block())
                    .as("five each; Junk 2 stays without").isEqualTo(10);
        }
    }

    @Test
    void addressesWithoutDomainFieldGetItSoTheirDomainsAreHosted() {
        try (StoreFixture fx = StoreFixture.memory()) {
            User u = fx.newUser();
            fx.store().addresses().add(u.id(), EmailAddress.parse("Old@Legacy.TEST"), false).block();
            fx.store().forwarding().create(new ForwardedAddress(ForwardedAddress.newId(), EmailAddress.parse("fwd@older.test"),
                    "", List.of("x@elsewhere.test"), 0, null, null, false, java.time.Instant.now())).block();
            assertThat(fx.store().addresses().hostsDomain("legacy.test").block()).isTrue();
            MongoCollection<Document> addresses = fx.database().getCollection("addresses");
            Mono.from(addresses.updateMany(new Document(), new Document("$unset", new Document("domain", "")))).block();
            Mono.from(fx.database().getCollection("schema").deleteMany(new Document())).block();
            assertThat(fx.store().addresses().hostsDomain("legacy.test").block()).as("old layout").isFalse();

            fx.store().ensureSchema().block();

            assertThat(fx.store().addresses().hostsDomain("LEGACY.test").block()).isTrue();
            assertThat(fx.store().addresses().hostsDomain("older.test").block()).isTrue();
            assertThat(fx.store().addresses().hostsDomain("nowhere.test").block()).isFalse();
            assertThat(fx.store().addresses().hostsDomain("not a domain").block()).isFalse();
        }
    }

    private static AppendRequest request(User u, Mailbox box, byte[] raw) {
        return new AppendRequest(u.id(), box.id(), MessageSource.of(raw), Flags.NONE, null, AppendRequest.Origin.LMTP);
    }
}
