package dev.gannet.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;

/**
 * The IMAP parts of the bench: big-mailbox commands, the mixed session load and memory per idle
 * connection. Each starts one server of each kind and reuses it for all its runs (as the LMTP and POP3
 * parts do), because seeding is slow and the runs leave the mailboxes as they found them; the kinds
 * alternate run by run.
 */
final class ImapBench {

    /** Makes a not yet started peer of a kind ("gannet" or "dovecot"). */
    @FunctionalInterface
    interface Peers {
        Peer make(String kind) throws IOException;
    }

    private final Peers factory;
    private final List<String> kinds;
    private final int runs;
    private final Corpus corpus;

    ImapBench(Peers factory, List<String> kinds, int runs, Corpus corpus) {
        this.factory = factory;
        this.kinds = kinds;
        this.runs = runs;
        this.corpus = corpus;
    }

    @FunctionalInterface
    interface OnPeers {
        void with(Map<String, Peer> peers) throws Exception;
    }

    private void withPeers(OnPeers work) throws Exception {
        withPeers(factory, kinds, work);
    }

    /** Starts one peer of each kind, runs the work, and stops them all whatever happens. */
    static void withPeers(Peers factory, List<String> kinds, OnPeers work) throws Exception {
        Map<String, Peer> peers = new LinkedHashMap<>();
        try {
            for (String kind : kinds) {
                Peer p = factory.make(kind);
                peers.put(kind, p);
                p.start();
            }
            work.with(peers);
        } finally {
            peers.values().forEach(Peer::close);
        }
    }

    /** Every command of every size, with a limit of {@code limitSeconds} per command. */
    void bigMailboxes(Report report, List<Integer> sizes, int limitSeconds) throws Exception {
        withPeers(peers -> {
            atOnce(peers.values(), p -> {
                for (int size : sizes) {
                    ImapWorkloads.seed(p, corpus, "imap" + size, size);
                }
            });
            for (int size : sizes) {
                Map<String, List<ImapWorkloads.Run>> results = new LinkedHashMap<>();
                Map<String, ImapWorkloads.Session> sessions = new LinkedHashMap<>();
                try {
                    for (Map.Entry<String, Peer> p : peers.entrySet()) {
                        sessions.put(p.getKey(), new ImapWorkloads.Session(p.getValue(), "imap" + size, limitSeconds * 1000));
                        List<ImapWorkloads.Run> empty = new ArrayList<>();
                        for (int r = 0; r < runs; r++) {
                            empty.add(new ImapWorkloads.Run());
                        }
                        results.put(p.getKey(), empty);
                    }
                    // the flag commands come after all read runs, so that one given up cannot slow the reads
                    for (int r = 0; r < runs; r++) {
                        for (String kind : peers.keySet()) {
                            ImapWorkloads.reads(sessions.get(kind), size, results.get(kind).get(r));
                        }
                    }
                    for (int r = 0; r < runs; r++) {
                        for (String kind : peers.keySet()) {
                            ImapWorkloads.Run run = results.get(kind).get(r);
                            ImapWorkloads.flags(sessions.get(kind), size, run);
                            System.err.printf("bench: %s IMAP %d messages %s hits %s%n", peers.get(kind).name(), size,
                                    run.figures(), run.hits());
                        }
                    }
                } finally {
                    sessions.values().forEach(ImapWorkloads.Session::close);
                }
                compareHits(results, size);
                for (ImapWorkloads.Figure f : ImapWorkloads.FIGURES) {
                    report.add(row("IMAP, " + size + " messages: " + f.key(), f.unit(), f.better(), results,
                            run -> run.figures().get(f.key())));
                }
            }
        });
    }

    private static void compareHits(Map<String, List<ImapWorkloads.Run>> results, int size) {
        List<ImapWorkloads.Run> g = results.getOrDefault("gannet", List.of());
        List<ImapWorkloads.Run> d = results.getOrDefault("dovecot", List.of());
        for (int r = 0; r < Math.min(g.size(), d.size()); r++) {
            if (!Objects.equals(g.get(r).hits(), d.get(r).hits())) {
                System.err.printf("bench: WARNING: SEARCH answers differ on %d messages: Gannet %s, Dovecot %s%n", size,
                        g.get(r).hits(), d.get(r).hits());
            }
        }
    }

    void mixed(Report report, List<Integer> clientCounts, int seconds) throws Exception {
        withPeers(peers -> {
            atOnce(peers.values(), p -> MixedLoad.seed(p, corpus));
            for (int clients : clientCounts) {
                Map<String, List<MixedLoad.Result>> results = new LinkedHashMap<>();
                for (int r = 0; r < runs; r++) {
                    for (Map.Entry<String, Peer> p : peers.entrySet()) {
                        MixedLoad.Result result = MixedLoad.run(p.getValue(), corpus, clients, seconds);
                        System.err.printf("bench: %s mixed load %d clients: %s%n", p.getValue().name(), clients, result);
                        results.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(result);
                    }
                }
                String name = "Mixed IMAP sessions, " + clients + " clients, " + seconds + " s";
                report.add(row(name, "operations/s", Report.Better.HIGHER, results, MixedLoad.Result::perSecond));
                report.add(row(name + ", errors", "count", Report.Better.NEITHER, results, x -> x.errors()));
            }
        });
    }

    void idleMemory(Report report, int connections) throws Exception {
        withPeers(peers -> {
            atOnce(peers.values(), p -> IdleMemory.seed(p, corpus));
            Map<String, List<IdleMemory.Result>> results = new LinkedHashMap<>();
            // only memory is measured here, and neither server's memory depends on the other's CPU, so both
            // take their connections at the same time (Dovecot forking 5,000 processes takes 25-35 s)
            ExecutorService both = Executors.newFixedThreadPool(peers.size());
            try {
                for (int r = 0; r < runs; r++) {
                    Map<String, Future<IdleMemory.Result>> inFlight = new LinkedHashMap<>();
                    for (Map.Entry<String, Peer> p : peers.entrySet()) {
                        inFlight.put(p.getKey(), both.submit(() -> IdleMemory.run(p.getValue(), connections)));
                    }
                    for (Map.Entry<String, Future<IdleMemory.Result>> f : inFlight.entrySet()) {
                        IdleMemory.Result result = f.getValue().get();
                        System.err.printf("bench: %s idle connections: %s%n", peers.get(f.getKey()).name(), result);
                        results.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(result);
                    }
                }
            } finally {
                both.shutdownNow();
            }
            String name = connections + " IMAP connections in IDLE, per connection: ";
            report.add(row(name + "Java heap after GC", "KB", Report.Better.LOWER, results, IdleMemory.Result::heapKb));
            report.add(row(name + "RSS of all processes", "KB", Report.Better.LOWER, results, IdleMemory.Result::rssKb));
            report.add(row(name + "PSS of all processes", "KB", Report.Better.LOWER, results, IdleMemory.Result::pssKb));
        });
    }

    @FunctionalInterface
    interface PeerTask {
        void run(Peer peer) throws Exception;
    }

    /** Runs the task on every peer at the same time: for untimed seeding only, never for a measurement. */
    static void atOnce(Collection<Peer> peers, PeerTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(peers.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Peer p : peers) {
                done.add(pool.submit(() -> {
                    task.run(p);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A row from each kind's runs; a figure that is NaN (Dovecot has no Java heap) is left out. */
    private static <T> Report.Row row(String workload, String unit, Report.Better better, Map<String, List<T>> results,
            ToDoubleFunction<T> figure) {
        return new Report.Row(workload, unit, better, figures(results.get("gannet"), figure),
                figures(results.get("dovecot"), figure));
    }

    private static <T> List<Double> figures(List<T> runs, ToDoubleFunction<T> figure) {
        if (runs == null) {
            return List.of();
        }
        return runs.stream().map(figure::applyAsDouble).filter(v -> !Double.isNaN(v)).toList();
    }
}
