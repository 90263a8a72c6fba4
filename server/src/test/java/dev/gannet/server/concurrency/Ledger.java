package dev.gannet.server.concurrency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the suite knows independently of the server: the exact bytes of every message it sent (by
 * Message-ID), which message each UID named (per user and UIDVALIDITY, for the whole run), which session saw
 * each UID as {@code \Recent}, and, per round, the acknowledged messages that must still be there and what
 * operations may have removed them.
 */
final class Ledger {

    /** An acknowledged message that must be in {@code mailbox} after the round (at {@code uid} if known). */
    record Expectation(String user, String mailbox, Long uid, String messageId, String how) {
    }

    private final Findings findings;
    private static final java.util.regex.Pattern TRACE = java.util.regex.Pattern.compile(
            "(?:(?:Return-Path|Delivered-To|Received|X-[A-Za-z-]+):[^\r\n]*\r\n(?:[ \t][^\r\n]*\r\n)*)+");
    private final Map<String, byte[]> sent = new ConcurrentHashMap<>();
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();
    private final Map<String, byte[]> stored = new ConcurrentHashMap<>();
    private final Map<String, String> uidHistory = new ConcurrentHashMap<>();
    private final Map<String, String> recentOwner = new ConcurrentHashMap<>();
    private final List<Expectation> expectations = new ArrayList<>();
    private final Set<String> volatileNames = new HashSet<>();
    private final Set<String> wholeAtRisk = new HashSet<>();
    private final Set<String> uidsAtRisk = new HashSet<>();

    Ledger(Findings findings) {
        this.findings = findings;
    }

    /** Records a message about to be sent; its bytes are the truth every fetched copy is compared with. */
    String register(byte[] message) {
        String id = MailPool.messageId(message);
        sent.put(id, message);
        return id;
    }

    /** Records a message about to be delivered over LMTP, which prepends trace fields per recipient. */
    String registerDelivery(byte[] message) {
        String id = register(message);
        delivered.add(id);
        return id;
    }

    /** The bytes {@code user}'s copies of the message must have, or null if not known yet. */
    byte[] bytes(String user, String messageId) {
        return delivered.contains(messageId) ? stored.get(user + "/" + messageId) : sent.get(messageId);
    }

    /** Learns that this UID names this message; a UID that once named another message is a finding. */
    void learnUid(String user, long uidValidity, long uid, String messageId, String evidence) {
        if (uidValidity == 0 || messageId == null) {
            return;
        }
        String before = uidHistory.putIfAbsent(key(user, uidValidity, uid), messageId);
        if (before != null && !before.equals(messageId)) {
            findings.add("uids: a UID never names another message",
                    user + " UIDVALIDITY " + uidValidity + " UID " + uid + " was <" + before + ">, now <" + messageId
                            + "> (" + evidence + ")");
        }
    }

    String messageAt(String user, long uidValidity, long uid) {
        return uidHistory.get(key(user, uidValidity, uid));
    }

    /** A session saw this UID with \Recent; RFC 3501 §2.3.2 gives it to one session only. */
    void recent(String user, long uidValidity, long uid, String session) {
        if (uidValidity == 0) {
            return;
        }
        String before = recentOwner.putIfAbsent(key(user, uidValidity, uid), session);
        if (before != null && !before.equals(session)) {
            findings.add("recent: no UID is \\Recent in two sessions",
                    user + " UIDVALIDITY " + uidValidity + " UID " + uid + " was \\Recent in " + before + " and in " + session);
        }
    }

    synchronized void expect(Expectation e) {
        expectations.add(e);
    }

    /** A DELETE, RENAME or CREATE touched {@code name} and what is below it: its contents are not predictable. */
    synchronized void unsettled(String user, String name) {
        volatileNames.add(user + "\u0000" + name);
    }

    /** These UIDs of the mailbox may have been removed (\Deleted set, or moved); null: any of its messages. */
    synchronized void atRisk(String user, String mailbox, List<Long> uids) {
        if (uids == null) {
            wholeAtRisk.add(user + "\u0000" + mailbox);
        } else {
            uids.forEach(u -> uidsAtRisk.add(user + "\u0000" + mailbox + "\u0000" + u));
        }
    }

    /** Whether this message may carry \Deleted (so a copy of it may be expunged too). */
    synchronized boolean mayBeDeleted(String user, String mailbox, long uid) {
        return wholeAtRisk.contains(user + "\u0000" + mailbox) || uidsAtRisk.contains(user + "\u0000" + mailbox + "\u0000" + uid);
    }

    /** The expectations no operation of the round could have broken; the round's state is cleared. */
    synchronized List<Expectation> settle() {
        List<Expectation> firm = new ArrayList<>();
        for (Expectation e : expectations) {
            if (isUnsettled(e.user(), e.mailbox()) || wholeAtRisk.contains(e.user() + "\u0000" + e.mailbox())) {
                continue;
            }
            String prefix = e.user() + "\u0000" + e.mailbox() + "\u0000";
            if (e.uid() == null ? uidsAtRisk.stream().anyMatch(k -> k.startsWith(prefix)) : uidsAtRisk.contains(prefix + e.uid())) {
                continue;
            }
            firm.add(e);
        }
        expectations.clear();
        volatileNames.clear();
        wholeAtRisk.clear();
        uidsAtRisk.clear();
        return firm;
    }

    private boolean isUnsettled(String user, String mailbox) {
        for (String v : volatileNames) {
            String name = v.substring(v.indexOf('\u0000') + 1);
            if (v.startsWith(user + "\u0000") && (mailbox.equals(name) || mailbox.startsWith(name + "/")
                    || name.startsWith(mailbox + "/"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks fetched bytes against what was sent: the message they name (by Message-ID) must have exactly
     * these bytes; emits the Message-ID, or null if they name none.
     */
    String checkBytes(String user, String where, byte[] fetched) {
        String id = MailPool.messageId(fetched);
        if (id == null) {
            findings.add("bytes: every message reads back byte-exact", where + (fetched.length == 0
                    ? ": BODY[] \"\" (no bytes) for a message the session knows"
                    : ": BODY[] of " + fetched.length + " bytes names no message the suite sent: " + SuiteImapClient.printable(fetched)));
            return null;
        }
        byte[] expected = bytes(user, id);
        if (expected == null && delivered.contains(id)) {
            checkDelivered(user, where, id, fetched);
        } else if (expected == null) {
            findings.add("bytes: every message reads back byte-exact", where + ": <" + id + "> was never sent");
        } else if (!Arrays.equals(expected, fetched)) {
            findings.add("bytes: every message reads back byte-exact", where + ": <" + id + "> came back as "
                    + fetched.length + " bytes, sent " + expected.length + firstDifference(expected, fetched));
        }
        return id;
    }

    /**
     * The first full read of a delivered copy: the bytes sent after trace fields only (RFC 5321 §4.4
     * Return-Path and Received, Delivered-To); later reads of the user's copies must equal it.
     */
    private void checkDelivered(String user, String where, String id, byte[] fetched) {
        byte[] message = sent.get(id);
        int prefix = fetched.length - message.length;
        boolean ok = prefix >= 0 && Arrays.equals(message, Arrays.copyOfRange(fetched, prefix, fetched.length))
                && TRACE.matcher(new String(fetched, 0, prefix, java.nio.charset.StandardCharsets.ISO_8859_1)).matches();
        if (!ok) {
            findings.add("bytes: every message reads back byte-exact", where + ": delivered <" + id + "> came back as "
                    + fetched.length + " bytes, not trace fields followed by the " + message.length + " bytes sent");
        } else {
            stored.putIfAbsent(user + "/" + id, fetched);
        }
    }

    /** Checks a partial fetch ({@code BODY[]<origin>}) of a message whose identity is known. */
    void checkSlice(String user, String where, String messageId, byte[] fetched, long origin) {
        byte[] expected = bytes(user, messageId);
        if (expected == null) {
            return;
        }
        int from = (int) Math.min(origin, expected.length);
        byte[] slice = Arrays.copyOfRange(expected, from, (int) Math.min(expected.length, from + (long) fetched.length));
        if (!Arrays.equals(slice, fetched) || (fetched.length == 0 && from < expected.length)) {
            findings.add("bytes: every message reads back byte-exact", where + ": <" + messageId + "> at origin "
                    + origin + " gave " + fetched.length + " bytes that are not the sent ones" + firstDifference(slice, fetched));
        }
    }

    static String firstDifference(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return "; first difference at byte " + i;
            }
        }
        return a.length == b.length ? "" : "; one is a prefix of the other (" + n + " bytes in common)";
    }

    private static String key(String user, long uidValidity, long uid) {
        return user + "/" + uidValidity + "/" + uid;
    }
}
