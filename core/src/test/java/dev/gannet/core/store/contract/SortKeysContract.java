package dev.gannet.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.SortKeys;
import dev.gannet.core.store.UidSet;
import dev.gannet.core.store.User;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Contract of {@link dev.gannet.core.store.MessageStore#sortKeys}: the RFC 5256 / RFC 5957 keys of the asked
 * UIDs in UID order, absent ones skipped, carried by COPY, and the same keys for documents written before the
 * keys were stored.
 */
public interface SortKeysContract extends StoreContract {

    String FIRST = "From: \"Zoe =?UTF-8?Q?M=C3=BCller?=\" <Zoe.M@Example.com>, bob@example.org\r\n"
            + "To: Ann <ann@example.org>\r\nCc: list@example.net\r\nSubject: Re: [team] Fwd: Quarterly REPORT (fwd)\r\n"
            + "Date: Tue, 02 Jan 2024 10:00:00 +0100\r\nMessage-ID: <a1@example.com>\r\n"
            + "References: <r0@example.com> <r1@example.com>\r\n\r\nbody\r\n";
    String SECOND = "From: carl@example.net\r\nSubject: plain\r\nDate: not a date\r\nIn-Reply-To: <a1@example.com>\r\n\r\nx\r\n";

    /** The user's INBOX holding FIRST (uid 1) and SECOND (uid 2). */
    private Mailbox withBoth(User u) {
        Mailbox inbox = mailbox(u, "INBOX");
        append(u, inbox, FIRST.getBytes(StandardCharsets.UTF_8), Flags.NONE);
        append(u, inbox, SECOND.getBytes(StandardCharsets.UTF_8), Flags.NONE);
        return inbox;
    }

    private List<SortKeys> keys(Mailbox m, long... uids) {
        return store().messages().sortKeys(m.id(), uids).collectList().block();
    }

    @Test
    default void readsStoredKeys() {
        User u = fixture().newUser();
        Mailbox inbox = withBoth(u);
        List<SortKeys> keys = keys(inbox, 2, 1, 7);
        assertThat(keys).extracting(SortKeys::uid).containsExactly(1L, 2L);
        SortKeys a = keys.get(0);
        assertThat(a.from()).isEqualTo("ZOE.M");
        assertThat(a.to()).isEqualTo("ANN");
        assertThat(a.cc()).isEqualTo("LIST");
        assertThat(a.displayFrom()).isEqualTo("ZOE MU\u0308LLER");
        assertThat(a.displayTo()).isEqualTo("ANN");
        assertThat(a.subject()).isEqualTo("QUARTERLY REPORT");
        assertThat(a.replyOrForward()).isTrue();
        assertThat(a.sent()).isEqualTo(Instant.parse("2024-01-02T09:00:00Z"));
        assertThat(a.messageId()).isEqualTo("a1@example.com");
        assertThat(a.parents()).containsExactly("r0@example.com", "r1@example.com");
        assertThat(a.size()).isEqualTo(FIRST.length());
        SortKeys b = keys.get(1);
        assertThat(b.displayFrom()).isEqualTo("CARL@EXAMPLE.NET");
        assertThat(b.to()).isEmpty();
        assertThat(b.displayTo()).isEmpty();
        assertThat(b.replyOrForward()).isFalse();
        assertThat(b.sent()).isNull();
        assertThat(b.date()).isEqualTo(b.arrival());
        assertThat(b.messageId()).isNull();
        assertThat(b.parents()).containsExactly("a1@example.com");
    }

    @Test
    default void copiesCarryKeys() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        store().messages().append(new dev.gannet.core.store.AppendRequest(u.id(), inbox.id(),
                dev.gannet.core.store.MessageSource.of(FIRST.getBytes(StandardCharsets.UTF_8)), Flags.NONE, null,
                dev.gannet.core.store.AppendRequest.Origin.API)).block();
        Mailbox archive = store().mailboxes().create(u.id(), dev.gannet.core.store.MailboxName.of("Kept")).block();
        store().messages().copy(inbox.id(), UidSet.range(1, 1), archive.id()).block();
        SortKeys copied = keys(archive, 1).get(0);
        assertThat(copied).isEqualTo(keys(inbox, 1).get(0));
    }

    @Test
    default void derivesKeysOfOlderDocuments() {
        User u = fixture().newUser();
        Mailbox inbox = withBoth(u);
        List<SortKeys> stored = keys(inbox, 1, 2);
        Mono.from(fixture().database().getCollection("messages").updateMany(new Document("mailbox", inbox.id().value()),
                new Document("$unset", new Document("ss", "")))).block();
        assertThat(keys(inbox, 1, 2)).isEqualTo(stored);
    }
}
