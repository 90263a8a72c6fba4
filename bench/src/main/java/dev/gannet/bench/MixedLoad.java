package dev.gannet.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A mixed IMAP session load: clients spread over ten users, each looping over what a mail client does
 * (SELECT, FETCH of headers and of a body, STORE, APPEND, UID EXPUNGE of what it appended (RFC 4315),
 * a short IDLE (RFC 2177)) until the time is up. Each client draws from its own seeded random, so both
 * servers see the same sequence; the mailboxes keep their 200 seeded messages because each appended
 * message is expunged again.
 */
final class MixedLoad {

    static final int USERS = 10;
    static final int MESSAGES_PER_USER = 200;
    private static final int TIMEOUT_MILLIS = 30_000;
    private static final long IDLE_MILLIS = 100;

    /** Completed commands (an IDLE and its DONE count as one) and failed ones, over the measured time. */
    record Result(long operations, long errors, double seconds) {
        double perSecond() {
            return operations / seconds;
        }
    }

    private MixedLoad() {
    }

    static String user(int i) {
        return String.format("mix%02d", i % USERS + 1);
    }

    /** Creates the ten users and delivers the first 200 corpus messages to each over LMTP (untimed). */
    static void seed(Peer peer, Corpus corpus) throws Exception {
        long began = System.nanoTime();
        for (int u = 0; u < USERS; u++) {
            peer.addUser(user(u), "pw");
            Workloads.lmtpIngest(peer, corpus, user(u), MESSAGES_PER_USER, 4);
        }
        System.err.printf("bench: %s seeded %d mixed-load users in %.1f s%n", peer.name(), USERS, (System.nanoTime() - began) / 1e9);
    }

    static Result run(Peer peer, Corpus corpus, int clients, int seconds) throws Exception {
        List<byte[]> small = new ArrayList<>();
        for (int i = 0; i < corpus.size() && small.size() < 100; i++) {
            if (corpus.get(i).length < 8_000) {
                small.add(corpus.get(i));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long began = System.nanoTime();
            long end = began + seconds * 1_000_000_000L;
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> loop(peer, user(client), new Random(1000L + client), small, end)));
            }
            long ops = 0;
            long errors = 0;
            for (Future<long[]> f : futures) {
                long[] counts = f.get(seconds + 5L * TIMEOUT_MILLIS / 1000, TimeUnit.SECONDS);
                ops += counts[0];
                errors += counts[1];
            }
            return new Result(ops, errors, (System.nanoTime() - began) / 1e9);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(60, TimeUnit.SECONDS);
        }
    }

    /** One client's loop; on an I/O error it counts it, reconnects and goes on. Returns {ops, errors}. */
    private static long[] loop(Peer peer, String user, Random random, List<byte[]> small, long end) {
        long[] counts = new long[2];
        ImapClient imap = null;
        try {
            while (System.nanoTime() < end) {
                try {
                    if (imap == null) {
                        imap = new ImapClient(peer.imapPort(), TIMEOUT_MILLIS, 4 * 1024);
                        imap.login(user, "pw");
                    }
                    round(imap, random, small, end, counts);
                } catch (IOException | RuntimeException e) {
                    counts[1]++;
                    if (imap != null) {
                        imap.abort();
                        imap = null;
                    }
                    sleep(100);
                }
            }
        } finally {
            if (imap != null) {
                imap.close();
            }
        }
        return counts;
    }

    private static void round(ImapClient imap, Random random, List<byte[]> small, long end, long[] counts) throws IOException {
        int from = 1 + random.nextInt(MESSAGES_PER_USER - 19);
        String headers = random.nextBoolean() ? "(UID FLAGS ENVELOPE)" : "(UID BODY.PEEK[HEADER])";
        int one = 1 + random.nextInt(MESSAGES_PER_USER);
        int flagged = 1 + random.nextInt(MESSAGES_PER_USER);
        byte[] message = small.get(random.nextInt(small.size()));
        if (!count(imap.command("SELECT INBOX"), counts) || System.nanoTime() >= end) {
            return;
        }
        count(imap.command("FETCH " + from + ":" + (from + 19) + " " + headers), counts);
        if (System.nanoTime() >= end) {
            return;
        }
        count(imap.command("FETCH " + one + " BODY.PEEK[]"), counts);
        count(imap.command("STORE " + flagged + " +FLAGS (\\Flagged)"), counts);
        if (System.nanoTime() >= end) {
            return;
        }
        ImapClient.Response appended = imap.append("INBOX", "", message);
        if (count(appended, counts)) {
            if (appended.appendUid() < 0) {
                counts[1]++;
            } else {
                count(imap.command("UID STORE " + appended.appendUid() + " +FLAGS (\\Deleted)"), counts);
                count(imap.command("UID EXPUNGE " + appended.appendUid()), counts);
            }
        }
        if (System.nanoTime() >= end) {
            return;
        }
        imap.idle();
        sleep(IDLE_MILLIS);
        count(imap.done(), counts);
    }

    private static boolean count(ImapClient.Response r, long[] counts) {
        counts[r.ok() ? 0 : 1]++;
        return r.ok();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
