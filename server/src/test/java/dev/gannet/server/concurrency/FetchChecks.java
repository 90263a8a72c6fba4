package dev.gannet.server.concurrency;

import java.util.Map;

/**
 * Checks each FETCH response a session receives, while the round runs: {@code BODY[]} and {@code RFC822} are
 * byte-exact copies of a message the suite sent (an empty string for a message that has bytes is not; NIL is
 * RFC 2180 §4.1.3's answer for an expunged message and passes), a partial {@code BODY[]<n>} is the same slice
 * of it, {@code RFC822.SIZE} is its length, a UID keeps naming one message, and \Recent goes to one session
 * that selected the mailbox (EXAMINE must not take \Recent away, RFC 3501 §6.3.2, so it claims nothing).
 */
final class FetchChecks {

    private final Ledger ledger;
    private final Findings findings;
    private final String user;
    private final String session;

    FetchChecks(Ledger ledger, Findings findings, String user, String session) {
        this.ledger = ledger;
        this.findings = findings;
        this.user = user;
        this.session = session;
    }

    void check(SuiteImapClient.FetchSeen f) {
        String where = session + " " + f.mailbox() + " seq " + f.seq() + " UID " + f.uid();
        Long uid = f.uid();
        long validity = f.uidValidity();
        if (uid != null && !f.readOnly() && f.items().flags() != null && f.items().flags().stream().anyMatch("\\Recent"::equalsIgnoreCase)) {
            ledger.recent(user, validity, uid, session);
        }
        String known = uid == null ? null : ledger.messageAt(user, validity, uid);
        for (Map.Entry<String, byte[]> e : f.items().sections().entrySet()) {
            byte[] bytes = e.getValue();
            if (bytes == null) {
                continue;
            }
            String name = e.getKey();
            if (name.equals("BODY[]") || name.equals("RFC822")) {
                String id = ledger.checkBytes(user, where + " " + name, bytes);
                if (uid != null && id != null) {
                    ledger.learnUid(user, validity, uid, id, where + " " + name);
                    known = id;
                }
            } else if (name.startsWith("BODY[]<") && known != null) {
                long origin = Long.parseLong(name.substring("BODY[]<".length(), name.length() - 1));
                ledger.checkSlice(user, where + " " + name, known, bytes, origin);
            }
        }
        if (known != null && f.items().size() != null) {
            byte[] sent = ledger.bytes(user, known);
            if (sent != null && sent.length != f.items().size()) {
                findings.add("bytes: RFC822.SIZE is the message's length", where + ": RFC822.SIZE "
                        + f.items().size() + " for <" + known + "> of " + sent.length + " bytes");
            }
        }
    }
}
