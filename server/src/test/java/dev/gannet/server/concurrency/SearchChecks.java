package dev.gannet.server.concurrency;

import dev.gannet.core.testing.imap.ImapResponse;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a SEARCH result against the session's view (RFC 3501 §6.4.4, §7.2.5): one SEARCH response, sequence
 * numbers the session knows, and for ALL every message the session knows, including those another session
 * expunged that this one has not been told about (they exist for it until it is told, §7.4.1).
 */
final class SearchChecks {

    private final Findings findings;
    private final String label;
    private final MailboxView view;

    SearchChecks(Findings findings, String label, MailboxView view) {
        this.findings = findings;
        this.label = label;
        this.view = view;
    }

    /** @param before the number of messages the session knew when it sent the command */
    void check(SuiteImapClient.Reply r, boolean uid, String criteria, int before) {
        List<ImapResponse.Search> responses = r.all(ImapResponse.Search.class);
        if (responses.size() != 1) {
            findings.add("protocol: SEARCH answers one SEARCH response", label + ": " + responses.size()
                    + " SEARCH responses to " + r.command());
            return;
        }
        Set<Long> found = new HashSet<>(responses.get(0).numbers());
        boolean all = criteria.equals("ALL") || criteria.equals("UID 1:*");
        String where = label + " in " + view.mailbox() + ": " + r.command();
        if (!uid) {
            for (long n : found) {
                if (n > view.size()) {
                    findings.add("search: results are messages the session knows",
                            where + " returned " + n + " with " + view.size() + " messages known");
                }
            }
            if (all) {
                for (long n = 1; n <= Math.min(before, view.size()); n++) {
                    if (!found.contains(n)) {
                        findings.add("search: SEARCH ALL lists every message the session knows",
                                where + " left out " + n + " (UID " + view.uid((int) n) + ") of " + before + " known");
                        return;
                    }
                }
            }
            return;
        }
        if (all) {
            for (long u : view.knownUids()) {
                if (!found.contains(u)) {
                    findings.add("search: SEARCH ALL lists every message the session knows",
                            where + " left out UID " + u + " of the " + view.size() + " messages the session knows");
                    return;
                }
            }
        }
    }
}
