package dev.gannet.core.store;

/**
 * A mailbox's stable id. It never changes on rename, so journal keys, message keys and UID-list cache keys
 * stay valid; a deleted and re-created mailbox gets a new id (and a new UIDVALIDITY).
 */
public record MailboxId(String value) {
    public MailboxId {
        Ids.token(value, "mailbox id");
    }

    @Override
    public String toString() {
        return value;
    }
}
