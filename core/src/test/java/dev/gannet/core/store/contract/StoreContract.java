package dev.gannet.core.store.contract;

import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Appended;
import dev.gannet.core.store.Flags;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.Mailbox;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.MessageSource;
import dev.gannet.core.store.User;
import dev.gannet.core.testing.StoreFixture;

/** Shared access for the store contract interfaces; each backend's test class supplies the fixture. */
public interface StoreContract {

    StoreFixture fixture();

    default MailStore store() {
        return fixture().store();
    }

    default Mailbox mailbox(User u, String name) {
        return store().mailboxes().get(u.id(), MailboxName.of(name)).block();
    }

    default Appended append(User u, Mailbox box, byte[] raw, Flags flags) {
        return store().messages().append(new AppendRequest(u.id(), box.id(), MessageSource.of(raw), flags, null,
                AppendRequest.Origin.API)).block();
    }
}
