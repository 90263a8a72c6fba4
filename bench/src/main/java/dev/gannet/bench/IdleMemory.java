package dev.gannet.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Memory per idle IMAP connection: the server's memory before, then with N connections logged in, INBOX
 * selected and in IDLE (RFC 2177, after the {@code +} continuation), each difference divided by N. A few
 * threads open the connections one after another; once idling, the sockets are just held.
 */
final class IdleMemory {

    static final String USER = "idler";
    private static final int OPENERS = 8;
    private static final long OPEN_DEADLINE_MILLIS = 10 * 60_000;
    private static final int TIMEOUT_MILLIS = 60_000;

    /** KB per connection; heap is NaN for Dovecot. {@code opened} may fall short of the target. */
    record Result(int opened, double heapKb, double rssKb, double pssKb) {
    }

    private IdleMemory() {
    }

    /**
     * "pw" as SHA512-crypt with 1,000 rounds (the scheme's minimum), the same on both servers: 10,000 LOGINs
     * (5,000 on each server, at the same time) with Gannet's default argon2id (19 MiB, 2 passes) would take
     * minutes, and even with the default 5,000 rounds they took most of this workload's time.
     */
    private static final String PASSWORD_HASH =
            "$6$rounds=1000$benchsalt$GQ.7OSahZey5DtbTkdkbM7rAHxi7EXoyFgw1Qyb0xfkQjs1KeoRFHIxodhOIv/IiYf0UzXzyTQOTW4xWwMF.h/";

    static void seed(Peer peer, Corpus corpus) throws Exception {
        peer.addUserWithHash(USER, PASSWORD_HASH);
        Workloads.lmtpIngest(peer, corpus, USER, 20, 1);
    }

    static Result run(Peer peer, int connections) throws Exception {
        Thread.sleep(2_000);
        double heapBefore = peer.heapUsedKbAfterGc();
        long rssBefore = peer.residentKb();
        long pssBefore = peer.proportionalKb();
        List<ImapClient> open = Collections.synchronizedList(new ArrayList<>(connections));
        ExecutorService pool = Executors.newFixedThreadPool(OPENERS);
        try {
            long began = System.nanoTime();
            long deadline = System.currentTimeMillis() + OPEN_DEADLINE_MILLIS;
            AtomicInteger next = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < OPENERS; t++) {
                futures.add(pool.submit(() -> {
                    while (next.getAndIncrement() < connections && System.currentTimeMillis() < deadline
                            && failures.get() < 10) {
                        try {
                            open.add(idling(peer));
                        } catch (IOException | RuntimeException e) {
                            if (failures.incrementAndGet() == 1) {
                                System.err.println("bench: " + peer.name() + " idle connection failed: " + e.getMessage());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(OPEN_DEADLINE_MILLIS + 2L * TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            }
            int opened = open.size();
            System.err.printf("bench: %s %d connections in IDLE after %.1f s%n", peer.name(), opened, (System.nanoTime() - began) / 1e9);
            Thread.sleep(2_000);
            double heapAfter = peer.heapUsedKbAfterGc();
            long rssAfter = peer.residentKb();
            long pssAfter = peer.proportionalKb();
            if (opened < connections) {
                System.err.println("bench: " + peer.name() + " WARNING: only " + opened + " of " + connections + " connections idled");
            }
            return new Result(opened, (heapAfter - heapBefore) / opened, (rssAfter - rssBefore) / (double) opened,
                    (pssAfter - pssBefore) / (double) opened);
        } finally {
            closeAll(open, pool);
        }
    }

    private static ImapClient idling(Peer peer) throws IOException {
        ImapClient imap = new ImapClient(peer.imapPort(), TIMEOUT_MILLIS, 1024);
        try {
            imap.login(USER, "pw");
            ImapClient.expectOk(imap.command("SELECT INBOX"));
            imap.idle();
            return imap;
        } catch (IOException | RuntimeException e) {
            imap.abort();
            throw e;
        }
    }

    /** DONE and LOGOUT on every connection, from the same few threads; each socket is closed whatever happens. */
    private static void closeAll(List<ImapClient> open, ExecutorService pool) throws InterruptedException {
        List<ImapClient> all;
        synchronized (open) {
            all = new ArrayList<>(open);
        }
        AtomicInteger next = new AtomicInteger();
        try {
            for (int t = 0; t < OPENERS; t++) {
                pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < all.size()) {
                        all.get(i).close();
                    }
                });
            }
            pool.shutdown();
            if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
                pool.shutdownNow();
            }
        } finally {
            all.forEach(ImapClient::abort);
        }
    }
}
