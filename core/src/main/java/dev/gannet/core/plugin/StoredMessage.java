package dev.gannet.core.plugin;

import dev.gannet.core.store.AppendRequest;
import dev.gannet.core.store.Appended;
import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.UserId;

/** What an after-store hook sees: where the message landed. */
public record StoredMessage(UserId user, MailboxName mailbox, AppendRequest.Origin origin, Appended appended) {
}
