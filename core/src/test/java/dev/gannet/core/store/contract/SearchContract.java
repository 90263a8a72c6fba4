package dev.gannet.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.core.store.Flag;
import dev.gannet.core.store.FlagUpdate;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.SearchKey;
import dev.gannet.core.store.Uid;
import dev.gannet.core.store.UidSet;
import dev.gannet.core.store.User;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract of {@link dev.gannet.core.store.MessageStore#search}: the criteria tree, evaluated exactly. */
public interface SearchContract extends StoreContract {

    private List<Long> search(Mailbox m, SearchKey k) {
        return store().messages().search(m.id(), k).block().stream().map(Uid::value).toList();
    }

    @Test
    default void evaluatesCriteria() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        append(u, inbox, ("From: \"Ann Lee\" <ann@example.com>\r\nTo: bob@example.org\r\nSubject: Quarterly report\r\n"
                + "Date: Tue, 02 Jan 2024 10:00:00 +0000\r\nX-Tag: alpha\r\n\r\nNumbers inside.\r\n").getBytes(StandardCharsets.UTF_8),
                Flags.of(Flag.SEEN));
        append(u, inbox, ("From: carl@example.net\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n"
                + "Date: Wed, 03 Jan 2024 10:00:00 +0000\r\n\r\n" + "filler ".repeat(300) + "\r\n").getBytes(StandardCharsets.UTF_8),
                Flags.parse(List.of("$Work")));
        long flagged = store().messages().updateFlags(inbox.id(), UidSet.range(2, 2), FlagUpdate.add(Flags.of(Flag.FLAGGED)))
                .block().changed().get(0).modseq().value();
        assertThat(search(inbox, new SearchKey.All())).containsExactly(1L, 2L);
        assertThat(search(inbox, new SearchKey.HasFlag(Flag.SEEN))).containsExactly(1L);
        assertThat(search(inbox, new SearchKey.Not(new SearchKey.HasFlag(Flag.SEEN)))).containsExactly(2L);
        assertThat(search(inbox, new SearchKey.HasKeyword("$work"))).containsExactly(2L);
        assertThat(search(inbox, SearchKey.Header.field("from", "ANN LEE"))).containsExactly(1L);
        assertThat(search(inbox, new SearchKey.Header("subject", "grüße"))).containsExactly(2L);
        assertThat(search(inbox, new SearchKey.Header("x-tag", ""))).containsExactly(1L);
        assertThat(search(inbox, new SearchKey.Body("numbers"))).containsExactly(1L);
        assertThat(search(inbox, new SearchKey.Text("example.net"))).containsExactly(2L);
        assertThat(search(inbox, new SearchKey.Larger(1000))).containsExactly(2L);
        assertThat(search(inbox, new SearchKey.Smaller(1000))).containsExactly(1L);
        assertThat(search(inbox, new SearchKey.ModSeqAtLeast(flagged))).containsExactly(2L);
        assertThat(search(inbox, new SearchKey.DateKey(SearchKey.DateField.SENT, SearchKey.DateOp.ON,
                LocalDate.of(2024, 1, 3)))).containsExactly(2L);
        assertThat(search(inbox, new SearchKey.DateKey(SearchKey.DateField.SENT, SearchKey.DateOp.BEFORE,
                LocalDate.of(2024, 1, 3)))).containsExactly(1L);
        assertThat(search(inbox, new SearchKey.DateKey(SearchKey.DateField.INTERNAL, SearchKey.DateOp.SINCE,
                LocalDate.now().minusDays(1)))).containsExactly(1L, 2L);
        assertThat(search(inbox, new SearchKey.InternalSince(java.time.Instant.now().minusSeconds(3600)))).containsExactly(1L, 2L);
        assertThat(search(inbox, new SearchKey.InternalSince(java.time.Instant.now().plusSeconds(3600)))).isEmpty();
        assertThat(search(inbox, new SearchKey.Or(new SearchKey.Uids(UidSet.range(1, 1)),
                SearchKey.and(new SearchKey.HasFlag(Flag.FLAGGED), SearchKey.Header.field("to", "nobody"))))).containsExactly(1L);
    }

    /** FROM matches the parsed address, as Dovecot does; HEADER FROM matches the field's text. */
    @Test
    default void addressKeysMatchTheParsedAddressesAndHeaderMatchesTheText() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        append(u, inbox, ("From: <Postmaster\\@example.com@xxx.com>\r\nTo: =?UTF-8?Q?J=C3=BCrgen?= <j@example.org>\r\n"
                + "Subject: odd\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8), Flags.of());
        assertThat(search(inbox, SearchKey.Header.field("from", "example"))).isEmpty();
        assertThat(search(inbox, new SearchKey.Header("from", "example"))).containsExactly(1L);
        assertThat(search(inbox, SearchKey.Header.field("from", ""))).containsExactly(1L);
        assertThat(search(inbox, SearchKey.Header.field("to", "jürgen <j@example.org>"))).containsExactly(1L);
        assertThat(search(inbox, SearchKey.Header.field("cc", ""))).isEmpty();
    }
}
