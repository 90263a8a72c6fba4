package dev.gannet.server.concurrency;

import dev.gannet.core.testing.imap.ImapResponse;
import dev.gannet.core.testing.imap.ImapResponseGrammar;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The random message operations of a session on its selected mailbox (RFC 3501 §6.4, RFC 4315 UID EXPUNGE,
 * RFC 6851 MOVE, RFC 7162 UNCHANGEDSINCE): STORE, EXPUNGE, COPY, MOVE, FETCH, SEARCH, and APPEND anywhere.
 * Sets are built from the session's own view, so every sequence number sent is one the server told it.
 * Before an operation that may remove messages, the ledger hears which; after an acknowledged APPEND, COPY or
 * MOVE, it hears what must now be where.
 */
final class MessageOps {

    private static final String[] FLAGS = {"\\Seen", "\\Seen", "\\Flagged", "\\Answered", "\\Draft", "$Work",
        "\\Deleted", "\\Deleted"};
    private static final String[] FETCHES = {"FLAGS", "(UID FLAGS)", "(UID RFC822.SIZE FLAGS)", "(UID BODY.PEEK[])",
        "BODY.PEEK[]", "(UID BODY[])", "ENVELOPE", "(UID BODYSTRUCTURE)", "BODY", "(UID BODY.PEEK[]<0.200>)",
        "(UID BODY.PEEK[HEADER.FIELDS (Message-ID Subject)])", "(UID BODY.PEEK[1])", "(UID BODY.PEEK[TEXT]<10.50>)",
        "(UID INTERNALDATE RFC822.SIZE)", "(UID MODSEQ FLAGS)", "ALL", "FAST", "FULL", "(UID BODY.PEEK[1.MIME])"};
    private static final String[] SEARCHES = {"ALL", "ALL", "UNSEEN", "FLAGGED", "DELETED", "KEYWORD $Work",
        "LARGER 100000", "SUBJECT report", "NOT SEEN", "OR FLAGGED DELETED", "MODSEQ 1", "UID 1:*"};

    private final World world;
    private final String user;
    private final SuiteImapClient client;
    private final Random random;

    MessageOps(World world, String user, SuiteImapClient client, Random random) {
        this.world = world;
        this.user = user;
        this.client = client;
        this.random = random;
    }

    /** One operation on the selected mailbox; {@code roll} (8..59) picks which. */
    void any(int roll) throws IOException {
        MailboxView v = client.view();
        boolean writable = !v.readOnly();
        if (roll < 21 && writable && v.size() > 0) {
            store();
        } else if (roll < 28 && writable) {
            client.command("EXPUNGE"); // removes only \Deleted messages, which store() marked at risk
        } else if (roll < 31 && writable && v.size() > 0) {
            Target t = target(true);
            client.command("UID EXPUNGE " + t.text());
        } else if (roll < 36 && v.size() > 0) {
            copyOrMove(false);
        } else if (roll < 41 && writable && v.size() > 0) {
            copyOrMove(true);
        } else if (roll < 54 && v.size() > 0) {
            fetch();
        } else {
            search();
        }
    }

    /** A set for the command and the UIDs it names (null: possibly any message of the mailbox). */
    private record Target(String text, boolean uid, List<Long> uids) {
    }

    private Target target(boolean uid) {
        MailboxView v = client.view();
        int n = v.size();
        int r = random.nextInt(10);
        if (uid) {
            List<Long> known = v.knownUids();
            if (known.isEmpty() || r == 0) {
                return new Target("1:*", true, null);
            }
            Long a = known.get(random.nextInt(known.size()));
            Long b = known.get(random.nextInt(known.size()));
            if (r < 6 || a.equals(b)) {
                return new Target(Long.toString(a), true, List.of(a));
            }
            long lo = Math.min(a, b);
            long hi = Math.max(a, b);
            boolean allKnown = v.size() == known.size();
            List<Long> in = known.stream().filter(u -> u >= lo && u <= hi).toList();
            return new Target(lo + ":" + hi, true, allKnown ? in : null);
        }
        List<Integer> seqs = new ArrayList<>();
        String text;
        if (r == 0) {
            text = "1:*";
            for (int i = 1; i <= n; i++) {
                seqs.add(i);
            }
        } else if (r == 1) {
            text = "*";
            seqs.add(n);
        } else if (r < 7) {
            int s = 1 + random.nextInt(n);
            text = Integer.toString(s);
            seqs.add(s);
        } else {
            int a = 1 + random.nextInt(n);
            int b = Math.min(n, a + random.nextInt(3));
            text = r == 9 && a != b ? a + "," + b : a + ":" + b;
            for (int i = a; i <= b; i++) {
                if (r != 9 || i == a || i == b) {
                    seqs.add(i);
                }
            }
        }
        return new Target(text, false, v.resolve(seqs));
    }

    private void store() throws IOException {
        Target t = target(random.nextBoolean());
        int mode = random.nextInt(3);
        List<String> flags = new ArrayList<>();
        for (int i = 0, k = 1 + random.nextInt(2); i < k; i++) {
            String f = FLAGS[random.nextInt(FLAGS.length)];
            if (!flags.contains(f)) {
                flags.add(f);
            }
        }
        if (mode != 1 && flags.contains("\\Deleted")) {
            world.ledger().atRisk(user, client.view().mailbox(), t.uids());
        }
        String op = (mode == 0 ? "+FLAGS" : mode == 1 ? "-FLAGS" : "FLAGS") + (random.nextBoolean() ? ".SILENT" : "");
        String unchanged = random.nextInt(6) == 0 ? "(UNCHANGEDSINCE " + (1 + random.nextInt(40)) + ") " : "";
        client.command((t.uid() ? "UID " : "") + "STORE " + t.text() + " " + unchanged + op + " (" + String.join(" ", flags) + ")");
    }

    private void copyOrMove(boolean move) throws IOException {
        MailboxView v = client.view();
        Target t = target(random.nextBoolean());
        String source = v.mailbox();
        long sourceValidity = v.uidValidity();
        String dest = World.NAMES.get(random.nextInt(World.NAMES.size()));
        if (move) {
            world.ledger().atRisk(user, source, t.uids());
        }
        SuiteImapClient.Reply r = client.command((t.uid() ? "UID " : "") + (move ? "MOVE " : "COPY ") + t.text() + " " + dest);
        if (!r.ok()) {
            return;
        }
        ImapResponse.Code code = r.tagged().code();
        for (ImapResponse.Condition c : r.all(ImapResponse.Condition.class)) {
            code = c.code().is("COPYUID") ? c.code() : code;
        }
        if (!code.is("COPYUID")) {
            return; // nothing matched the set: no COPYUID (RFC 4315 §3)
        }
        String[] args = code.args().split(" ");
        List<Long> from = ImapResponseGrammar.uids(args[1]);
        List<Long> to = ImapResponseGrammar.uids(args[2]);
        if (from.size() != to.size()) {
            world.findings().add("protocol: COPYUID pairs each source UID with one new UID",
                    client.label() + ": " + SuiteImapClient.printable(r.tagged().raw()));
            return;
        }
        long destValidity = Long.parseLong(args[0]);
        for (int i = 0; i < from.size(); i++) {
            String id = world.ledger().messageAt(user, sourceValidity, from.get(i));
            world.ledger().learnUid(user, destValidity, to.get(i), id, client.label() + " COPYUID");
            if (world.ledger().mayBeDeleted(user, source, from.get(i))) {
                world.ledger().atRisk(user, dest, List.of(to.get(i))); // the copy has its flags, \Deleted perhaps
            } else if (id != null) {
                world.ledger().expect(new Ledger.Expectation(user, dest, to.get(i), id, move ? "MOVE" : "COPY"));
            }
        }
    }

    void append() throws IOException {
        MailboxView v = client.view();
        String dest = v.selected() && random.nextBoolean() ? v.mailbox() : World.NAMES.get(random.nextInt(World.NAMES.size()));
        byte[] message = world.pool().next(random, 0.25);
        String id = world.ledger().register(message);
        String flags = switch (random.nextInt(5)) {
            case 0 -> "\\Seen";
            case 1 -> "\\Seen $Work";
            case 2 -> "\\Deleted";
            default -> "";
        };
        SuiteImapClient.Reply r = client.append(dest, flags, message, random.nextInt(10) < 7);
        if (!r.ok() || !r.tagged().code().is("APPENDUID")) {
            return;
        }
        String[] args = r.tagged().code().args().split(" ");
        long validity = Long.parseLong(args[0]);
        long uid = Long.parseLong(args[1]);
        world.ledger().learnUid(user, validity, uid, id, client.label() + " APPENDUID");
        if (flags.contains("\\Deleted")) {
            world.ledger().atRisk(user, dest, List.of(uid));
        } else {
            world.ledger().expect(new Ledger.Expectation(user, dest, uid, id, "APPEND"));
        }
    }

    private void fetch() throws IOException {
        Target t = target(random.nextBoolean());
        String items = FETCHES[random.nextInt(FETCHES.length)];
        if (items.contains("BODY.PEEK[]") || items.contains("BODY[]")) {
            MailboxView v = client.view();
            int s = 1 + random.nextInt(v.size()); // whole messages one at a time: some carry 200 KB
            t = v.uid(s) != null && random.nextBoolean() ? new Target(Long.toString(v.uid(s)), true, null)
                    : new Target(Integer.toString(s), false, null);
        } else if (random.nextInt(5) < 2) {
            t = new Target("1:*", t.uid(), null); // the whole mailbox, as clients list it
        }
        client.command((t.uid() ? "UID " : "") + "FETCH " + t.text() + " " + items);
    }

    private void search() throws IOException {
        boolean uid = random.nextBoolean();
        String criteria = SEARCHES[random.nextInt(SEARCHES.length)];
        MailboxView v = client.view();
        int before = v.size();
        SuiteImapClient.Reply r = client.command((uid ? "UID " : "") + "SEARCH " + criteria);
        if (r.ok()) {
            new SearchChecks(world.findings(), client.label(), v).check(r, uid, criteria, before);
        }
    }
}
