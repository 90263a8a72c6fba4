package dev.gannet.server.concurrency;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A session's own picture of its selected mailbox, built only from what the server said (RFC 3501 §7.3.1
 * EXISTS, §7.4.1 EXPUNGE, §7.4.2 FETCH): sequence number → UID, with UIDs not yet told kept as unknown.
 * Every untagged response is checked against it: EXISTS never shrinks the mailbox, an EXPUNGE or FETCH names
 * a sequence number the session knows, a FETCH's UID is the one that sequence number has, and the UIDs stay
 * strictly ascending. Breaches go to {@link Findings}; the view then follows the server so later checks go on.
 */
final class MailboxView {

    private final Findings findings;
    private final String label;
    private final List<Long> uids = new ArrayList<>();
    private String mailbox;
    private long uidValidity;
    private boolean readOnly;

    MailboxView(Findings findings, String label) {
        this.findings = findings;
        this.label = label;
    }

    void select(String name, boolean examine) {
        mailbox = name;
        readOnly = examine;
        uidValidity = 0;
        uids.clear();
    }

    void deselect() {
        mailbox = null;
        uids.clear();
    }

    boolean selected() {
        return mailbox != null;
    }

    String mailbox() {
        return mailbox;
    }

    boolean readOnly() {
        return readOnly;
    }

    long uidValidity() {
        return uidValidity;
    }

    void uidValidity(long v) {
        uidValidity = v;
    }

    int size() {
        return uids.size();
    }

    /** The UID of {@code seq} (1-based), or null if not told yet. */
    Long uid(int seq) {
        return seq >= 1 && seq <= uids.size() ? uids.get(seq - 1) : null;
    }

    List<Long> knownUids() {
        return uids.stream().filter(Objects::nonNull).toList();
    }

    void exists(long n) {
        if (n < uids.size()) {
            violation("view: EXISTS never goes down without EXPUNGE",
                    "* " + n + " EXISTS while the session knows " + uids.size() + " messages");
            uids.subList((int) n, uids.size()).clear();
        }
        while (uids.size() < n) {
            uids.add(null);
        }
    }

    /** @param forbidden the running command is a FETCH, STORE or SEARCH by sequence number (§7.4.1) */
    void expunge(long seq, String command, boolean forbidden) {
        if (forbidden) {
            violation("view: no EXPUNGE during FETCH, STORE or SEARCH by sequence number (RFC 3501 §7.4.1)",
                    "* " + seq + " EXPUNGE during " + command);
        }
        if (seq < 1 || seq > uids.size()) {
            violation("view: EXPUNGE names a message the session knows",
                    "* " + seq + " EXPUNGE with " + uids.size() + " messages known, during " + command);
            return;
        }
        uids.remove((int) seq - 1);
    }

    /** Checks a FETCH against the view and learns its UID; returns the message's UID if known. */
    Long fetch(long seq, Long uid, String command) {
        if (seq < 1 || seq > uids.size()) {
            violation("view: FETCH names a message the session knows",
                    "* " + seq + " FETCH (UID " + uid + " ...) with " + uids.size() + " messages known, during " + command);
            return uid;
        }
        Long known = uids.get((int) seq - 1);
        if (uid == null) {
            return known;
        }
        if (known != null && !known.equals(uid)) {
            violation("view: a FETCH's UID matches its sequence number",
                    "* " + seq + " FETCH (UID " + uid + ") but the session was told " + seq + " is UID " + known
                            + ", during " + command);
        }
        uids.set((int) seq - 1, uid);
        checkAscending(seq, uid, command);
        return uid;
    }

    private void checkAscending(long seq, long uid, String command) {
        for (int i = (int) seq - 2; i >= 0; i--) {
            if (uids.get(i) != null) {
                if (uids.get(i) >= uid) {
                    violation("view: UIDs strictly ascend with sequence numbers",
                            "seq " + (i + 1) + " is UID " + uids.get(i) + ", seq " + seq + " is UID " + uid + ", during " + command);
                }
                break;
            }
        }
        for (int i = (int) seq; i < uids.size(); i++) {
            if (uids.get(i) != null) {
                if (uids.get(i) <= uid) {
                    violation("view: UIDs strictly ascend with sequence numbers",
                            "seq " + seq + " is UID " + uid + ", seq " + (i + 1) + " is UID " + uids.get(i) + ", during " + command);
                }
                break;
            }
        }
    }

    /** The UIDs a sequence set names, or null if one of them is not known (so the caller must assume any). */
    List<Long> resolve(List<Integer> seqs) {
        List<Long> out = new ArrayList<>();
        for (int s : seqs) {
            Long u = uid(s);
            if (u == null) {
                return null;
            }
            out.add(u);
        }
        return out;
    }

    private void violation(String invariant, String evidence) {
        findings.add(invariant, label + " in " + mailbox + ": " + evidence);
    }
}
