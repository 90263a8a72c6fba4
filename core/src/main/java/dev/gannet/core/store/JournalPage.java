package dev.gannet.core.store;

import java.util.List;

/**
 * The journal of one mailbox after a modseq: entries in modseq order, dense from {@code after+1} to
 * {@code upTo}. {@code resyncNeeded} is true when entries after {@code after} were already trimmed (or the
 * mailbox is gone): the reader must reload the mailbox instead of applying changes.
 */
public record JournalPage(MailboxId mailbox, ModSeq after, ModSeq upTo, List<JournalEntry> entries,
        boolean resyncNeeded) {
    public JournalPage {
        entries = List.copyOf(entries);
    }
}
