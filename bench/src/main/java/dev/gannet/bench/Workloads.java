package dev.gannet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The workloads, each run the same way against each peer. Every loop is bounded by a count and by a
 * deadline; every connection goes to 127.0.0.1.
 */
final class Workloads {

    /** One run's figures: a named value per measured quantity. */
    record Result(double perSecond, double p50Millis, double p99Millis, double megabytesPerSecond) {
    }

    private static final long DEADLINE_MILLIS = 10 * 60_000;

    private Workloads() {
    }

    /**
     * LMTP ingest: {@code count} messages to one user over {@code connections} connections, one
     * transaction per message (MAIL, RCPT, DATA). Latency is from MAIL to the final per-recipient reply.
     */
    static Result lmtpIngest(Peer peer, Corpus corpus, String user, int count, int connections) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long[] latencies = new long[count];
        long began = System.nanoTime();
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                futures.add(pool.submit(() -> {
                    long bytes = 0;
                    try (LineClient lmtp = new LineClient(peer.lmtpPort())) {
                        expect(lmtp.readReply(), "220");
                        lmtp.send("LHLO bench.example.org");
                        expect(lmtp.readReply(), "250");
                        int i;
                        while ((i = next.getAndIncrement()) < count && System.currentTimeMillis() < deadline) {
                            byte[] message = corpus.get(i);
                            long t = System.nanoTime();
                            lmtp.send("MAIL FROM:<bench@example.org>");
                            expect(lmtp.readReply(), "250");
                            lmtp.send("RCPT TO:<" + peer.address(user) + ">");
                            expect(lmtp.readReply(), "250");
                            lmtp.send("DATA");
                            expect(lmtp.readReply(), "354");
                            lmtp.sendDotStuffed(message);
                            expect(lmtp.readReply(), "250");
                            latencies[i] = System.nanoTime() - t;
                            bytes += message.length;
                        }
                        lmtp.send("QUIT");
                        lmtp.readReply();
                    }
                    return bytes;
                }));
            }
            long bytes = 0;
            for (Future<Long> f : futures) {
                bytes += f.get();
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            int done = Math.min(next.get(), count);
            return new Result(done / seconds, Stats.percentileMillis(trim(latencies, done), 50),
                    Stats.percentileMillis(trim(latencies, done), 99), bytes / 1e6 / seconds);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /**
     * POP3: logs in and retrieves every message of a maildrop prepared beforehand, twice over one connection;
     * MB/s of message data in the second pass.
     */
    static Result pop3Retrieve(Peer peer, String user, String password, int expected) throws Exception {
        try (LineClient pop = new LineClient(peer.pop3Port())) {
            expect(pop.readLine(), "+OK");
            pop.send("USER " + user);
            expect(pop.readLine(), "+OK");
            pop.send("PASS " + password);
            expect(pop.readLine(), "+OK");
            pop.send("STAT");
            String stat = pop.readLine();
            expect(stat, "+OK");
            int messages = Integer.parseInt(stat.split(" ")[1]);
            if (messages != expected) {
                throw new IllegalStateException(peer.name() + " maildrop has " + messages + " messages, expected " + expected);
            }
            retrieveAll(pop, messages); // untimed first pass: JIT warm-up for Gannet, page cache for both
            long began = System.nanoTime();
            long bytes = retrieveAll(pop, messages);
            double seconds = (System.nanoTime() - began) / 1e9;
            pop.send("QUIT");
            pop.readLine();
            return new Result(messages / seconds, Double.NaN, Double.NaN, bytes / 1e6 / seconds);
        }
    }

    private static long retrieveAll(LineClient pop, int messages) throws java.io.IOException {
        long bytes = 0;
        for (int i = 1; i <= messages; i++) {
            pop.send("RETR " + i);
            expect(pop.readLine(), "+OK");
            bytes += pop.readDotTerminated();
        }
        return bytes;
    }

    private static long[] trim(long[] latencies, int n) {
        long[] out = new long[n];
        System.arraycopy(latencies, 0, out, 0, n);
        return out;
    }

    static void expect(String reply, String prefix) {
        if (!reply.startsWith(prefix)) {
            throw new IllegalStateException("expected " + prefix + ", got: " + reply);
        }
    }
}
