package dev.gannet.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs each workload against Gannet (the built jar, durable embedded store) and Dovecot (Debian's
 * packages) on loopback, a fresh server of each for every run, and prints a markdown table of medians
 * with their spread and the ratio. Usage:
 *
 * <pre>
 * java -jar bench/target/gannet-bench.jar [--runs 3] [--lmtp-messages 5000] [--pop3-messages 1000]
 *                                         [--imap-small 10000] [--imap-large 100000] [--imap-timeout 120]
 *                                         [--mixed-clients 50,200] [--mixed-seconds 60]
 *                                         [--idle-connections 5000] [--workloads lmtp,pop3,imap,mixed,memory]
 *                                         [--jar server/target/gannet.jar] [--out docs/benchmarks.md]
 *                                         [--peers gannet,dovecot] [--diff-corpus DIR] [--diff-out FILE]
 * </pre>
 *
 * The {@code diff} workload ({@link DiffWorkload}, only when named in {@code --workloads}) is a correctness
 * check, not a timing: it prints its own report (and writes it to {@code --diff-out}), and the bench exits
 * with status 1 if the two servers disagree somewhere without a recorded reason.
 */
public final class Bench {

    private static final String APT = "apt-get install -y dovecot-imapd dovecot-pop3d dovecot-lmtpd";

    private final Map<String, String> options;
    private final Path jar;
    private final int runs;
    private final List<String> peers;
    private final List<String> workloads;
    private final int idleConnections;
    private DiffWorkload.Outcome diff;

    private Bench(Map<String, String> options) {
        this.options = options;
        this.jar = Path.of(options.getOrDefault("jar", "server/target/gannet.jar"));
        this.runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        this.peers = List.of(options.getOrDefault("peers", "gannet,dovecot").split(","));
        this.workloads = List.of(options.getOrDefault("workloads", "lmtp,pop3,imap,mixed,memory").split(","));
        this.idleConnections = Integer.parseInt(options.getOrDefault("idle-connections", "5000"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                usage("unexpected argument " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0) {
            usage("every option takes a value");
        }
        if (!DovecotPeer.installed()) {
            usage("Dovecot is the reference and is not installed: " + APT);
        }
        Bench bench = new Bench(options);
        if (!Files.isRegularFile(bench.jar)) {
            usage(bench.jar + " is missing: build it with ./mvnw -q -DskipTests package");
        }
        String table = bench.run();
        System.out.println(table);
        if (options.containsKey("out")) {
            Files.writeString(Path.of(options.get("out")), docs(table));
        }
        if (bench.diff != null) {
            System.out.println(bench.diff.markdown());
            if (options.containsKey("diff-out")) {
                Files.writeString(Path.of(options.get("diff-out")), "# Differential against Dovecot\n\n"
                        + "Run " + LocalDate.now() + " at commit " + commit() + " against Dovecot " + dovecotVersion()
                        + ".\nCommand: `java -jar bench/target/gannet-bench.jar --workloads diff`\n\n" + bench.diff.markdown());
            }
            if (bench.diff.unexplained()) {
                System.err.println("bench: Gannet and Dovecot disagree without a recorded reason (see the report)");
                System.exit(1);
            }
        }
    }

    private static void usage(String problem) {
        System.err.println("bench: " + problem);
        System.exit(2);
    }

    private String run() throws Exception {
        long started = System.nanoTime();
        Corpus corpus = new Corpus(20261122L, 2000);
        Report report = new Report();
        Map<String, Double> minutes = new LinkedHashMap<>();
        ImapBench imap = new ImapBench(this::peer, kinds(), runs, corpus);
        timed("lmtp", minutes, () -> lmtp(report, corpus));
        timed("pop3", minutes, () -> pop3(report, corpus));
        timed("imap", minutes, () -> {
            List<Integer> sizes = List.of(intOption("imap-small", 10_000), intOption("imap-large", 100_000)).stream()
                    .filter(n -> n > 0).toList();
            imap.bigMailboxes(report, sizes, intOption("imap-timeout", 120));
        });
        timed("mixed", minutes, () -> {
            List<Integer> clients = List.of(options.getOrDefault("mixed-clients", "50,200").split(",")).stream()
                    .map(Integer::parseInt).toList();
            imap.mixed(report, clients, intOption("mixed-seconds", 60));
        });
        timed("memory", minutes, () -> imap.idleMemory(report, idleConnections));
        timed("diff", minutes, () -> {
            if (kinds().size() != 2) {
                usage("the diff workload needs both peers");
            }
            Path unpacked = Path.of(options.getOrDefault("diff-corpus",
                    System.getProperty("java.io.tmpdir") + "/gannet-diff-corpus"));
            ImapBench.withPeers(this::peer, kinds(), peers ->
                    diff = DiffWorkload.run(peers.get("gannet"), peers.get("dovecot"), unpacked));
        });
        String took = String.format(Locale.ROOT, "The run took %.1f min (%s).%n", (System.nanoTime() - started) / 60e9,
                String.join(", ", minutes.entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue())).toList()));
        return report.markdown(header() + took);
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** Runs a workload if it was asked for, noting its wall-clock minutes (both servers, every run). */
    private void timed(String workload, Map<String, Double> minutes, Step step) throws Exception {
        if (workloads.contains(workload)) {
            long t = System.nanoTime();
            step.run();
            minutes.put(workload, (System.nanoTime() - t) / 60e9);
            System.err.printf(Locale.ROOT, "bench: %s took %.1f min%n", workload, minutes.get(workload));
        }
    }

    private int intOption(String name, int otherwise) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(otherwise)));
    }

    /**
     * One server of each kind for every LMTP run, warmed up once, each run delivering to a user of its own:
     * a fresh JVM spends its first minute compiling (a profile of a fresh Gannet over a 5,000-message run
     * showed 36% of its CPU in the JIT compiler), which a long-running server pays once, not per run.
     */
    private void lmtp(Report report, Corpus corpus) throws Exception {
        int messages = intOption("lmtp-messages", 5000);
        int[] connectionCounts = {1, 4};
        Map<Integer, Map<String, List<Workloads.Result>>> results = new LinkedHashMap<>();
        ImapBench.withPeers(this::peer, kinds(), peers -> {
            ImapBench.atOnce(peers.values(), p -> {
                p.addUser("warmup", "pw");
                Workloads.lmtpIngest(p, corpus, "warmup", WARM_UP_MESSAGES, 4);
            });
            for (int r = 0; r < runs; r++) {
                for (int connections : connectionCounts) {
                    for (Map.Entry<String, Peer> p : peers.entrySet()) {
                        String user = "ingest" + connections + "r" + r;
                        p.getValue().addUser(user, "pw");
                        Workloads.Result result = Workloads.lmtpIngest(p.getValue(), corpus, user, messages, connections);
                        System.err.printf("bench: %s LMTP %d connections %s%n", p.getValue().name(), connections, result);
                        results.computeIfAbsent(connections, k -> new LinkedHashMap<>())
                                .computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(result);
                    }
                }
            }
        });
        for (int connections : connectionCounts) {
            Map<String, List<Workloads.Result>> byKind = results.getOrDefault(connections, Map.of());
            List<Workloads.Result> g = byKind.getOrDefault("gannet", List.of());
            List<Workloads.Result> d = byKind.getOrDefault("dovecot", List.of());
            String name = "LMTP ingest, " + messages + " messages, " + connections + " connection" + (connections > 1 ? "s" : "");
            report.add(row(name, "messages/s", Report.Better.HIGHER, g, d, Workloads.Result::perSecond));
            report.add(row(name + ", p50", "ms", Report.Better.LOWER, g, d, Workloads.Result::p50Millis));
            report.add(row(name + ", p99", "ms", Report.Better.LOWER, g, d, Workloads.Result::p99Millis));
        }
    }

    /**
     * One server of each kind and one maildrop (delivered untimed) for every run: RETR changes nothing, so
     * every run reads the same maildrop (an untimed pass, then the timed one; {@link Workloads#pop3Retrieve}).
     */
    private void pop3(Report report, Corpus corpus) throws Exception {
        int messages = intOption("pop3-messages", 1000);
        Map<String, List<Workloads.Result>> results = new LinkedHashMap<>();
        ImapBench.withPeers(this::peer, kinds(), peers -> {
            ImapBench.atOnce(peers.values(), p -> {
                p.addUser("popper", "pw");
                Workloads.lmtpIngest(p, corpus, "popper", messages, 4);
            });
            for (int r = 0; r < runs; r++) {
                for (Map.Entry<String, Peer> p : peers.entrySet()) {
                    Workloads.Result result = Workloads.pop3Retrieve(p.getValue(), "popper", "pw", messages);
                    System.err.printf("bench: %s POP3 %s%n", p.getValue().name(), result);
                    results.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(result);
                }
            }
        });
        report.add(row("POP3 RETR of " + messages + " messages", "MB/s", Report.Better.HIGHER,
                results.getOrDefault("gannet", List.of()), results.getOrDefault("dovecot", List.of()),
                Workloads.Result::megabytesPerSecond));
    }

    /** Deliveries to another user, untimed, before any LMTP run is timed (see {@link #lmtp}). */
    private static final int WARM_UP_MESSAGES = 1000;

    private List<String> kinds() {
        return List.of("gannet", "dovecot").stream().filter(peers::contains).toList();
    }

    private Peer peer(String kind) throws IOException {
        return kind.equals("gannet") ? gannet() : dovecot();
    }

    private static Report.Row row(String workload, String unit, Report.Better better, List<Workloads.Result> gannet,
            List<Workloads.Result> dovecot, Function<Workloads.Result, Double> figure) {
        return new Report.Row(workload, unit, better, gannet.stream().map(figure).toList(),
                dovecot.stream().map(figure).toList());
    }

    /**
     * A fixed, pre-touched heap: the resident size then does not grow as the collector expands the heap, so
     * RSS growth in the idle-connection workload is memory outside the heap, and the heap is reported apart.
     */
    private static final List<String> GANNET_JVM = List.of("-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch");

    /**
     * The IMAP connection limits are raised so that the idle-connection and mixed workloads fit, and password
     * checks are made cheap (argon2id with 1 MiB and one pass, where the shipped 19 MiB and two passes cost
     * about 85 ms of CPU per login) because Dovecot here compares plain-text passwords.
     */
    private Peer gannet() throws IOException {
        return new GannetPeer(jar, Files.createTempDirectory("bench-gannet"), GANNET_JVM,
                List.of("auth.hashMemoryKib=1024", "auth.hashIterations=1",
                        "imap.maxConnectionsPerUser=" + Math.min(10_000, Math.max(1_000, idleConnections + 100)),
                        "imap.maxConnections=" + Math.max(10_000, idleConnections + 1_000)));
    }

    private Peer dovecot() throws IOException {
        return new DovecotPeer(Files.createTempDirectory("bench-dovecot"), Math.max(1024, idleConnections + 500));
    }

    private String header() {
        long memoryGb = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() >> 30;
        return "Measured " + LocalDate.now() + " at commit " + commit() + " on " + Runtime.getRuntime().availableProcessors()
                + " cores, " + memoryGb + " GiB, JDK " + System.getProperty("java.version") + " ("
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "), Dovecot " + dovecotVersion()
                + ", each figure the median of " + runs + " runs with the range in brackets.\n"
                + "Command: `java -jar bench/target/gannet-bench.jar " + String.join(" ", options.entrySet().stream()
                        .map(e -> "--" + e.getKey() + " " + e.getValue()).toList()) + "`\n";
    }

    private static String commit() {
        return command("git", "rev-parse", "--short", "HEAD");
    }

    private static String dovecotVersion() {
        return command("/usr/sbin/dovecot", "--version");
    }

    private static String command(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return out.isEmpty() ? "unknown" : out.split("\n")[0];
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private static String docs(String table) {
        return "# Benchmarks\n\nGannet beside Dovecot on the same machine, in one run, over loopback. "
                + "[benchmarks-method.md](benchmarks-method.md) says exactly what is timed and how both servers are "
                + "set up; [benchmarks-profile.md](benchmarks-profile.md) says, from profiles, what bounds Gannet "
                + "where it is behind.\n\n" + table + "\n" + WORKLOADS;
    }

    private static final String WORKLOADS = """
            ## The workloads, in a sentence each

            - **LMTP ingest**: on a server warmed up by 1,000 untimed deliveries, N messages of the corpus to a \
            fresh user over 1 or 4 connections, one transaction each; messages per second, and latency from `MAIL` \
            to the final `250`.
            - **POP3 RETR**: every message of a maildrop delivered beforehand, retrieved in turn over one connection \
            (a second, timed pass after an untimed one); message bytes per second.
            - **IMAP on 10,000 and 100,000 messages**: one logged-in session on a mailbox filled by LMTP and COPY, \
            each command timed from sending it to its tagged `OK` with every response read: `SELECT`, \
            `FETCH 1:* (UID FLAGS)`, `FETCH 1:* (ENVELOPE)`, `FETCH n:m BODY.PEEK[]` of the last 1,000 messages \
            (MB/s), `UID SEARCH` by `FROM` substring, `SINCE` date and `UNSEEN`, and `STORE 1:* +FLAGS (\\Seen)`.
            - **Mixed sessions**: 50 or 200 clients over ten users, each looping `SELECT`, header and body `FETCH`, \
            `STORE`, `APPEND`, `UID EXPUNGE` of what it appended and a short `IDLE` for the given time; \
            operations per second and errors.
            - **Memory per idle connection**: N connections logged in, `SELECT`ed and in `IDLE`; the growth of \
            Gannet's heap after a full GC, and of the resident (RSS) and proportional (PSS) size of each server's \
            processes, divided by N.
            """;

}
