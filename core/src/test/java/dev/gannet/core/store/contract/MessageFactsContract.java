package dev.gannet.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.store.Appended;
import dev.gannet.core.store.FetchedMessage;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MessageFacts;
import dev.gannet.core.store.SearchKey;
import dev.gannet.core.store.Uid;
import dev.gannet.core.store.UidSet;
import dev.gannet.core.store.User;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * What the store keeps for RFC 8474 EMAILID, RFC 8514 SAVEDATE and RFC 8970 PREVIEW: an email id per message that
 * its copies and moves keep, a save date per mailbox entry, a preview computed at ingest (and for a message stored
 * before that, computed from its text when asked, not when asked lazily), and SEARCH on them.
 */
public interface MessageFactsContract extends StoreContract {

    private static byte[] mail(String subject, String body) {
        return ("From: a@example.org\r\nSubject: " + subject + "\r\nMessage-ID: <" + subject + "@example.org>\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    private FetchedMessage read(Mailbox box, long uid, MessageFacts.PreviewMode mode) {
        return store().messages().fetchKnown(box.id(), new long[] {uid}, false, mode).blockFirst();
    }

    private List<Long> search(Mailbox box, SearchKey key) {
        return store().messages().search(box.id(), key).block().stream().map(Uid::value).toList();
    }

    @Test
    default void appendStoresEmailIdSaveDateAndPreview() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        Instant before = Instant.now().minusMillis(1);
        append(u, inbox, mail("one", "Hello  there,\r\n> quoted\r\nbye\r\n"), Flags.NONE);
        append(u, inbox, mail("two", "Other"), Flags.NONE);
        MessageFacts one = read(inbox, 1, MessageFacts.PreviewMode.STORED).facts().orElseThrow();
        MessageFacts two = read(inbox, 2, MessageFacts.PreviewMode.COMPUTED).facts().orElseThrow();
        assertThat(one.emailId()).matches("[A-Za-z0-9_-]{1,255}").isNotEqualTo(two.emailId());
        assertThat(one.preview()).contains("Hello there, bye");
        assertThat(two.preview()).contains("Other");
        assertThat(one.saveDate()).hasValueSatisfying(d -> assertThat(d).isBetween(before, Instant.now().plusMillis(1)));
        assertThat(read(inbox, 1, MessageFacts.PreviewMode.NONE).facts().orElseThrow().preview()).isEmpty();
        assertThat(search(inbox, new SearchKey.EmailId(two.emailId()))).containsExactly(2L);
        assertThat(search(inbox, new SearchKey.EmailId("nosuch"))).isEmpty();
        LocalDate today = one.saveDate().get().atZone(ZoneOffset.UTC).toLocalDate();
        assertThat(search(inbox, new SearchKey.DateKey(SearchKey.DateField.SAVED, SearchKey.DateOp.ON, today)))
                .containsExactly(1L, 2L);
        assertThat(search(inbox, new SearchKey.DateKey(SearchKey.DateField.SAVED, SearchKey.DateOp.BEFORE, today))).isEmpty();
        assertThat(search(inbox, new SearchKey.DateKey(SearchKey.DateField.SAVED, SearchKey.DateOp.SINCE,
                today.plusDays(1)))).isEmpty();
    }

    @Test
    default void copiesAndMovesKeepTheEmailIdAndGetTheirOwnSaveDate() throws InterruptedException {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        Mailbox other = store().mailboxes().create(u.id(), dev.gannet.core.store.MailboxName.of("Other")).block();
        Appended a = append(u, inbox, mail("orig", "text"), Flags.NONE);
        append(u, inbox, mail("moved", "text"), Flags.NONE);
        MessageFacts orig = read(inbox, 1, MessageFacts.PreviewMode.STORED).facts().orElseThrow();
        MessageFacts moving = read(inbox, 2, MessageFacts.PreviewMode.STORED).facts().orElseThrow();
        Thread.sleep(5);
        store().messages().copy(inbox.id(), UidSet.of(List.of(Uid.of(1))), other.id()).block();
        store().messages().copy(inbox.id(), UidSet.of(List.of(Uid.of(1))), inbox.id()).block();
        store().messages().move(inbox.id(), UidSet.of(List.of(Uid.of(2))), other.id()).block();
        MessageFacts copy = read(other, 1, MessageFacts.PreviewMode.STORED).facts().orElseThrow();
        MessageFacts moved = read(other, 2, MessageFacts.PreviewMode.STORED).facts().orElseThrow();
        assertThat(copy.emailId()).isEqualTo(orig.emailId());
        assertThat(copy.preview()).isEqualTo(orig.preview());
        assertThat(copy.saveDate().get()).isAfter(orig.saveDate().get());
        assertThat(moved.emailId()).isEqualTo(moving.emailId());
        assertThat(moved.saveDate().get()).isAfter(moving.saveDate().get());
        assertThat(search(inbox, new SearchKey.EmailId(orig.emailId()))).containsExactly(1L, 3L);
        assertThat(search(other, new SearchKey.EmailId(orig.emailId()))).containsExactly(1L);
        assertThat(search(other, new SearchKey.ThreadId(a.threadId()))).containsExactly(1L);
        assertThat(search(inbox, SearchKey.and(new SearchKey.ThreadId(a.threadId()), new SearchKey.Uids(UidSet.range(2, 9)))))
                .containsExactly(3L);
    }

    @Test
    default void aMessageStoredBeforeTheseFieldsGetsAStableEmailIdAComputedPreviewAndNoSaveDate() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        Mailbox other = store().mailboxes().create(u.id(), dev.gannet.core.store.MailboxName.of("Old")).block();
        append(u, inbox, mail("old", "Old  text\r\n"), Flags.NONE);
        Mono.from(fixture().database().getCollection("messages").updateOne(
                new Document("_id", inbox.id().value() + ":1"),
                new Document("$unset", new Document("eid", "").append("saved", "").append("pv", "")))).block();
        Mono.from(fixture().database().getCollection("bodies").updateOne(
                new Document("_id", inbox.id().value() + ":1"), new Document("$unset", new Document("pv", "")))).block();
        MessageFacts old = read(inbox, 1, MessageFacts.PreviewMode.COMPUTED).facts().orElseThrow();
        assertThat(old.emailId()).matches("[A-Za-z0-9_-]{1,255}");
        assertThat(old.saveDate()).isEmpty();
        assertThat(old.preview()).contains("Old text");
        assertThat(read(inbox, 1, MessageFacts.PreviewMode.STORED).facts().orElseThrow().preview()).as("lazy").isEmpty();
        assertThat(read(inbox, 1, MessageFacts.PreviewMode.STORED).facts().orElseThrow().emailId()).isEqualTo(old.emailId());
        assertThat(search(inbox, new SearchKey.EmailId(old.emailId()))).containsExactly(1L);
        assertThat(search(inbox, new SearchKey.DateKey(SearchKey.DateField.SAVED, SearchKey.DateOp.SINCE,
                LocalDate.of(1970, 1, 1)))).as("no save date matches no SAVED key").isEmpty();
        store().messages().copy(inbox.id(), UidSet.of(List.of(Uid.of(1))), other.id()).block();
        MessageFacts copy = read(other, 1, MessageFacts.PreviewMode.STORED).facts().orElseThrow();
        assertThat(copy.emailId()).isEqualTo(old.emailId());
        assertThat(copy.saveDate()).isPresent();
        assertThat(search(other, new SearchKey.EmailId(old.emailId()))).containsExactly(1L);
    }

    /** A message stored while the preview was kept in the message document still shows that one. */
    @Test
    default void aPreviewKeptInTheMessageDocumentIsStillRead() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        append(u, inbox, mail("kept", "New text\r\n"), Flags.NONE);
        String id = inbox.id().value() + ":1";
        Mono.from(fixture().database().getCollection("bodies").updateOne(new Document("_id", id),
                new Document("$unset", new Document("pv", "")))).block();
        Mono.from(fixture().database().getCollection("messages").updateOne(new Document("_id", id),
                new Document("$set", new Document("pv", "Earlier text")))).block();
        assertThat(read(inbox, 1, MessageFacts.PreviewMode.STORED).facts().orElseThrow().preview()).contains("Earlier text");
        assertThat(read(inbox, 1, MessageFacts.PreviewMode.COMPUTED).facts().orElseThrow().preview()).contains("Earlier text");
        assertThat(store().messages().fetchKnown(inbox.id(), new long[] {1}, false).blockFirst().facts()).isEmpty();
    }
}
