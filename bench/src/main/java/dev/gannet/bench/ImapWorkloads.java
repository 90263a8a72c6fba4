package dev.gannet.bench;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IMAP commands on one big mailbox (RFC 3501 §6.3.1 SELECT, §6.4.4 SEARCH, §6.4.5 FETCH, §6.4.6 STORE),
 * each timed from sending the command to its tagged OK with every untagged response read. The mailbox
 * is seeded once per server and the runs leave it as they found it, except for \Seen, which each run
 * clears (untimed) before it searches UNSEEN and sets it again.
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
    private static final int TIMEOUT_MILLIS = 15 * 60_000;

    /** One run's timings and the sizes of the SEARCH answers, to compare the servers. */
    record Run(Map<String, Double> figures, Map<String, Integer> hits) {
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
        try (ImapClient imap = new ImapClient(peer.imapPort(), TIMEOUT_MILLIS)) {
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

    /** A logged-in session on the seeded mailbox, with the untimed warm-up SELECT done. */
    static ImapClient open(Peer peer, String user) throws IOException {
        ImapClient imap = new ImapClient(peer.imapPort(), TIMEOUT_MILLIS);
        try {
            imap.login(user, "pw");
            ImapClient.expectOk(imap.command("SELECT INBOX"));
            return imap;
        } catch (IOException | RuntimeException e) {
            imap.abort();
            throw e;
        }
    }

    /** One run of every command on a mailbox of {@code size} messages, in the order of {@link #FIGURES}. */
    static Run run(ImapClient imap, int size) throws IOException {
        Map<String, Double> figures = new LinkedHashMap<>();
        Map<String, Integer> hits = new LinkedHashMap<>();
        Timed select = timed(imap, "SELECT INBOX");
        if (select.response().exists() != size) {
            throw new IllegalStateException("SELECT found " + select.response().exists() + " messages, expected " + size);
        }
        figures.put("SELECT", select.millis());
        figures.put("FETCH 1:* (UID FLAGS)", fetchAll(imap, "FETCH 1:* (UID FLAGS)", size));
        figures.put("FETCH 1:* (ENVELOPE)", fetchAll(imap, "FETCH 1:* (ENVELOPE)", size));
        int first = Math.max(1, size - 999);
        Timed bodies = timed(imap, "FETCH " + first + ":" + size + " BODY.PEEK[]");
        figures.put("FETCH BODY.PEEK[] of the last 1000", bodies.response().literalBytes() / 1e6 / (bodies.millis() / 1e3));
        search(imap, "UID SEARCH FROM \"" + FROM + "\"", "UID SEARCH FROM", figures, hits);
        search(imap, "UID SEARCH SINCE " + SINCE, "UID SEARCH SINCE", figures, hits);
        ImapClient.expectOk(imap.command("STORE 1:* -FLAGS (\\Seen)"));
        search(imap, "UID SEARCH UNSEEN", "UID SEARCH UNSEEN", figures, hits);
        figures.put("STORE 1:* +FLAGS (\\Seen)", fetchAll(imap, "STORE 1:* +FLAGS (\\Seen)", size));
        return new Run(figures, hits);
    }

    private static void search(ImapClient imap, String command, String key, Map<String, Double> figures,
            Map<String, Integer> hits) throws IOException {
        Timed t = timed(imap, command);
        figures.put(key, t.millis());
        hits.put(key, t.response().searchHits());
    }

    /** Times a command that must answer one untagged response per message. */
    private static double fetchAll(ImapClient imap, String command, int size) throws IOException {
        Timed t = timed(imap, command);
        if (t.response().untagged() < size) {
            throw new IllegalStateException(command + " answered " + t.response().untagged() + " responses for " + size + " messages");
        }
        return t.millis();
    }

    private record Timed(ImapClient.Response response, double millis) {
    }

    private static Timed timed(ImapClient imap, String command) throws IOException {
        long t = System.nanoTime();
        ImapClient.Response r = ImapClient.expectOk(imap.command(command));
        return new Timed(r, (System.nanoTime() - t) / 1e6);
    }
}
