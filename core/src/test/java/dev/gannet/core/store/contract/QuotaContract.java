package dev.gannet.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.UidSet;
import dev.gannet.core.store.User;
import dev.gannet.core.testing.Messages;
import org.junit.jupiter.api.Test;

/** Contract of {@link dev.gannet.core.store.QuotaStore}. */
public interface QuotaContract extends StoreContract {

    @Test
    default void refusesOverQuotaAndKeepsUsageExact() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        byte[] raw = Messages.simple("q", "x".repeat(1000));
        store().quota().setLimit(u.id(), raw.length * 2L).block();
        append(u, inbox, raw, Flags.NONE);
        append(u, inbox, raw, Flags.NONE);
        assertThatThrownBy(() -> append(u, inbox, raw, Flags.NONE)).isInstanceOf(GannetException.OverQuota.class);
        assertThatThrownBy(() -> store().quota().check(u.id(), 1).block()).isInstanceOf(GannetException.OverQuota.class);
        assertThatThrownBy(() -> store().messages().copy(inbox.id(), UidSet.ALL, mailbox(u, "Archive").id()).block())
                .isInstanceOf(GannetException.OverQuota.class);
        assertThat(store().quota().get(u.id()).block().used()).isEqualTo(raw.length * 2L);
        assertThat(mailbox(u, "INBOX").messages()).isEqualTo(2);
        store().messages().expunge(inbox.id(), UidSet.range(1, 1)).block();
        assertThat(store().quota().get(u.id()).block().used()).isEqualTo(raw.length);
    }

    @Test
    default void recountRepairsDrift() {
        User u = fixture().newUser();
        Mailbox inbox = mailbox(u, "INBOX");
        byte[] raw = Messages.simple("q", "body");
        append(u, inbox, raw, Flags.NONE);
        assertThat(store().quota().recount(u.id()).block().used()).isEqualTo(raw.length);
        assertThat(mailbox(u, "INBOX").unseen()).isEqualTo(1);
    }
}
