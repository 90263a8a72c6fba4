package dev.gannet.bench;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * IMAP commands on one big mailbox (RFC 3501 §6.3.1 SELECT, §6.4.4 SEARCH, §6.4.5 FETCH, §6.4.6 STORE),
 * each timed from sending the command to its tagged OK with every untagged response read. The mailbox
 * is seeded once per server and the runs leave it as they found it, except for \Seen, which each run
 * clears (untimed) before it searches UNSEEN and sets it again. Every command has a time limit.
 */
final class ImapWorkloads {

    /** One figure of the table: its key in a run's figures, unit and direction. */
    record Figure(String key, String unit, Report.Better better) {
    }

    static final List<Figure> FIGURES = List.of(
            new Figure("SELECT", "ms", Report.Better.LOWER),
            new Figure("FETCH 1:* (UID FLAGS)", "ms", Report.Better.LOWER),
            new Figure("FETCH 1:* (ENVELOPE)", "ms", Report.Better.LOWER),
            new Figure("FETCH BODY.PEEK[] of the last 1000", "MB/s", Report.Better.HIGHER),
            new Figure("UID SEARCH FROM", "ms", Report.Better.LOWER),
            new Figure("UID SEARCH SINCE", "ms", Report.Better.LOWER),
            new Figure("UID SEARCH UNSEEN", "ms", Report.Better.LOWER),
            new Figure("STORE 1:* +FLAGS (\\Seen)", "ms", Report.Better.LOWER));

    /** In the corpus' From addresses: sender1 and sender10 to sender19, about a fifth of the messages. */
    static final String FROM = "sender1";
    /** Internal dates are delivery (COPY keeps them) times, so yesterday's date matches every message on both. */
    static final String SINCE = LocalDate.now().minusDays(1).format(DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ROOT));

    private static final int SEED_MESSAGES = 2_000;
    private static final int COPY_CHUNK = 5_000;
    private static final int SEED_TIMEOUT_MILLIS = 15 * 60_000;

    /** One run's timings and the sizes of the SEARCH answers, to compare the servers. */
    record Run(Map<String, Double> figures, Map<String, Integer> hits) {
        Run() {
            this(new LinkedHashMap<>(), new LinkedHashMap<>());
        }
    }

    private ImapWorkloads() {
    }

    /**
     * Fills {@code user}'s INBOX with exactly {@code target} messages: up to 2,000 corpus messages over
     * LMTP, then COPY of the mailbox into itself, in chunks of at most 5,000, until the target.
     */
    static void seed(Peer peer, Corpus corpus, String user, int target) throws Exception {
        long began = System.nanoTime();
        peer.addUser(user, "pw");
        int delivered = Math.min(target, SEED_MESSAGES);
        Workloads.lmtpIngest(peer, corpus, user, delivered, 4);
        long delivering = System.nanoTime() - began;
        try (ImapClient imap = new ImapClient(peer.imapPort(), SEED_TIMEOUT_MILLIS)) {
            imap.login(user, "pw");
            long exists = ImapClient.expectOk(imap.command("SELECT INBOX")).exists();
            while (exists < target) {
                long n = Math.min(COPY_CHUNK, Math.min(exists, target - exists));
                long t = System.nanoTime();
                ImapClient.expectOk(imap.command("COPY 1:" + n + " INBOX"));
                long now = ImapClient.expectOk(imap.command("NOOP")).exists();
                exists = now < 0 ? exists + n : now;
                System.err.printf("bench: %s %s COPY 1:%d took %.1f s, INBOX now %d%n", peer.name(), user, n,
                        (System.nanoTime() - t) / 1e9, exists);
            }
            long selected = ImapClient.expectOk(imap.command("SELECT INBOX")).exists();
            if (selected != target) {
                throw new IllegalStateException(peer.name() + " " + user + " INBOX has " + selected + " messages, expected " + target);
            }
        }
        System.err.printf("bench: %s seeded %s with %d messages in %.1f s (LMTP of %d: %.1f s)%n", peer.name(), user,
                target, (System.nanoTime() - began) / 1e9, delivered, delivering / 1e9);
    }

    /**
     * A logged-in session on a seeded mailbox, after the untimed warm-up SELECT. A command that does not
     * finish within the limit is given up for the rest of the bench on this server: its figure is infinite
     * ("gave up" in the table) and the session is replaced, since the old one may still be busy with it.
     */
    static final class Session implements AutoCloseable {
        private final Peer peer;
        private final String user;
        private final int limitMillis;
        private final Set<String> gaveUp = new HashSet<>();
        private ImapClient imap;

        Session(Peer peer, String user, int limitMillis) throws IOException {
            this.peer = peer;
            this.user = user;
            this.limitMillis = limitMillis;
            this.imap = open();
        }

        private ImapClient open() throws IOException {
            ImapClient c = new ImapClient(peer.imapPort(), limitMillis);
            try {
                c.login(user, "pw");
                ImapClient.expectOk(c.command("SELECT INBOX"));
                return c;
            } catch (IOException | RuntimeException e) {
                c.abort();
                throw e;
            }
        }

        /** The response, or null if the command was given up now or before. */
        private Timed timed(String key, String command) throws IOException {
            if (gaveUp.contains(key)) {
                return null;
            }
            long t = System.nanoTime();
            try {
                ImapClient.Response r = imap.command(command);
                if (!r.ok()) {
                    gaveUp.add(key);
                    System.err.printf("bench: %s WARNING: %s answered %s %s; shown as failed, not run again on this "
                            + "server%n", peer.name(), command, r.status(), r.text());
                    return null;
                }
                return new Timed(r, (System.nanoTime() - t) / 1e6);
            } catch (SocketTimeoutException e) {
                gaveUp.add(key);
                System.err.printf("bench: %s WARNING: %s gave no tagged answer within %d s; not run again on this server%n",
                        peer.name(), command, limitMillis / 1000);
                imap.abort();
                imap = open();
                return null;
            }
        }

        @Override
        public void close() {
            imap.close();
        }
    }

    /** The read-only commands of one run, in the order of {@link #FIGURES}. */
    static void reads(Session s, int size, Run run) throws IOException {
        Timed select = s.timed("SELECT", "SELECT INBOX");
        if (select != null && select.response().exists() != size) {
            throw new IllegalStateException("SELECT found " + select.response().exists() + " messages, expected " + size);
        }
        put(run, "SELECT", select == null ? null : select.millis());
        put(run, "FETCH 1:* (UID FLAGS)", fetchAll(s, "FETCH 1:* (UID FLAGS)", "FETCH 1:* (UID FLAGS)", size));
        put(run, "FETCH 1:* (ENVELOPE)", fetchAll(s, "FETCH 1:* (ENVELOPE)", "FETCH 1:* (ENVELOPE)", size));
        int first = Math.max(1, size - 999);
        Timed bodies = s.timed("FETCH BODY.PEEK[] of the last 1000", "FETCH " + first + ":" + size + " BODY.PEEK[]");
        put(run, "FETCH BODY.PEEK[] of the last 1000",
                bodies == null ? null : bodies.response().literalBytes() / 1e6 / (bodies.millis() / 1e3));
        search(s, "UID SEARCH FROM \"" + FROM + "\"", "UID SEARCH FROM", run);
        search(s, "UID SEARCH SINCE " + SINCE, "UID SEARCH SINCE", run);
    }

    /**
     * UNSEEN and STORE: \Seen is cleared first (untimed) if any message has it, so every run searches
     * and stores on the same state.
     */
    static void flags(Session s, int size, Run run) throws IOException {
        Timed seen = s.timed("UID SEARCH UNSEEN", "UID SEARCH SEEN");
        if (seen != null && seen.response().searchHits() > 0) {
            seen = s.timed("UID SEARCH UNSEEN", "STORE 1:* -FLAGS.SILENT (\\Seen)");
        }
        if (seen == null) {
            s.gaveUp.add("STORE 1:* +FLAGS (\\Seen)");
        }
        search(s, "UID SEARCH UNSEEN", "UID SEARCH UNSEEN", run);
        put(run, "STORE 1:* +FLAGS (\\Seen)", fetchAll(s, "STORE 1:* +FLAGS (\\Seen)", "STORE 1:* +FLAGS (\\Seen)", size));
    }

    /** A figure given up on is infinite: "gave up" in the table, and the worst in the median. */
    private static void put(Run run, String key, Double value) {
        run.figures().put(key, value == null ? Double.POSITIVE_INFINITY : value);
    }

    private static void search(Session s, String command, String key, Run run) throws IOException {
        Timed t = s.timed(key, command);
        put(run, key, t == null ? null : t.millis());
        if (t != null) {
            run.hits().put(key, t.response().searchHits());
        }
    }

    /** Times a command that must answer one untagged response per message; null if given up. */
    private static Double fetchAll(Session s, String key, String command, int size) throws IOException {
        Timed t = s.timed(key, command);
        if (t == null) {
            return null;
        }
        if (t.response().untagged() < size) {
            throw new IllegalStateException(command + " answered " + t.response().untagged() + " responses for " + size + " messages");
        }
        return t.millis();
    }

    private record Timed(ImapClient.Response response, double millis) {
    }
}
