package dev.gannet.server.concurrency;

import dev.gannet.core.testing.TestUser;

import java.util.List;

/**
 * What every session of a run shares: the users, the nodes' IMAP and LMTP ports, the message pool, the ledger
 * and the findings, and the mailbox names the random operations choose from (a folder tree, and the names a
 * RENAME moves it to).
 */
record World(List<TestUser> users, List<Integer> imapPorts, List<Integer> lmtpPorts, MailPool pool, Ledger ledger,
        Findings findings, int timeoutMillis) {

    /** Every name operations use; the first five exist at the start. */
    static final List<String> NAMES = List.of("INBOX", "Work", "Work/A", "Work/A/B", "Archive", "Play", "Play/A", "Tmp");

    static final List<String> INITIAL = NAMES.subList(0, 5);

    /** Pairs RENAME moves between: a folder with children, and a leaf. */
    static final List<String[]> RENAMES = List.of(new String[] {"Work", "Play"}, new String[] {"Play", "Work"},
            new String[] {"Archive", "Tmp"}, new String[] {"Tmp", "Archive"}, new String[] {"Work/A", "Play/A"});

    static final List<String> DELETABLE = List.of("Tmp", "Play/A/B", "Work/A/B", "Archive", "Play/A", "Play");
}
