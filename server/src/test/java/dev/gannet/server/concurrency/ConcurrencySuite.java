package dev.gannet.server.concurrency;

import dev.gannet.core.testing.TestUser;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

/**
 * Issue #14's seeded, bounded concurrency suite: several users with a folder tree and messages sharing one
 * attachment across users; per round, sessions spread over the users and nodes run random operations on the
 * same mailboxes while LMTP deliveries arrive; then, with the server quiet, every invariant is checked
 * ({@link UserCheck}, {@link StoreProbe}, the ledger's acknowledged messages) and the blob collector runs.
 * The seed is printed first; {@code -Dgannet.concurrency.seed=N} replays one.
 */
final class ConcurrencySuite {

    /** How big a run is; every count and wait is bounded. */
    record Size(int users, int sessions, int operations, int rounds, int deliveries, Duration roundLimit) {
    }

    private final Backend backend;
    private final long seed;
    private final Size size;
    private final Findings findings;
    private final World world;
    private final List<TestUser> users = new ArrayList<>();

    ConcurrencySuite(Backend backend, Size size) {
        this.backend = backend;
        this.seed = seed();
        this.size = size;
        this.findings = new Findings(seed);
        this.world = new World(users, backend.imapPorts(), backend.lmtpPorts(), new MailPool(seed), new Ledger(findings),
                findings, 20_000);
    }

    static long seed() {
        Long fixed = Long.getLong("gannet.concurrency.seed");
        return fixed != null ? fixed : new Random().nextLong() & 0xFFFF_FFFFL;
    }

    /** Runs every round; returns the findings (empty when every invariant held). */
    Findings run() throws Exception {
        System.out.println("concurrency suite on " + backend.name() + ": seed " + seed + " " + size);
        setUp();
        for (int round = 1; round <= size.rounds(); round++) {
            findings.round(round);
            long began = System.nanoTime();
            round(round);
            check(round);
            System.out.println("  round " + round + ": " + (System.nanoTime() - began) / 1_000_000 + " ms, "
                    + findings.count() + " findings so far");
        }
        return findings;
    }

    private void setUp() throws IOException {
        findings.round(0);
        for (int i = 0; i < size.users(); i++) {
            users.add(backend.createUser("cc" + i + "x" + Long.toString(seed, 36) + Long.toString(System.nanoTime() % 100_000, 36),
                    1L << 30));
        }
        for (TestUser u : users) {
            try (SuiteImapClient c = new SuiteImapClient(world.imapPorts().get(0), "setup(" + u.username() + ")", findings,
                    world.timeoutMillis())) {
                c.login(u.username(), u.password());
                for (String name : World.INITIAL.subList(1, World.INITIAL.size())) {
                    c.command("CREATE " + name);
                }
                for (String name : World.INITIAL) {
                    for (int k = 0; k < 3; k++) {
                        byte[] m = k == 0 ? MailPool.withShared("seed" + k + "." + name.replace('/', '-') + "." + u.username()
                                + "@suite.gannet.test", "shared " + name) : world.pool().next(new Random(seed + k), 0);
                        String id = world.ledger().register(m);
                        if (c.append(name, "", m, true).ok()) {
                            world.ledger().expect(new Ledger.Expectation(u.username(), name, null, id, "setup APPEND"));
                        }
                    }
                }
                c.logout();
            }
        }
    }

    private void round(int round) throws InterruptedException {
        long deadline = System.currentTimeMillis() + size.roundLimit().toMillis();
        List<RandomSession> sessions = new ArrayList<>();
        for (int i = 0; i < size.sessions(); i++) {
            TestUser u = users.get(i % users.size());
            int port = world.imapPorts().get((i / users.size()) % world.imapPorts().size());
            RandomSession s = new RandomSession(world, u, port, "r" + round + "s" + i + "(" + u.username() + "@" + port + ")",
                    seed * 1_000 + round * 100L + i, size.operations(), deadline);
            try {
                s.open();
                sessions.add(s);
            } catch (ProtocolFailure f) {
                findings.add(f.invariant(), f.getMessage());
            } catch (IOException e) {
                findings.add("liveness: sessions run without I/O errors", "connecting " + u.username() + ": " + e);
            }
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (RandomSession s : sessions) {
            threads.add(thread(start, s));
        }
        threads.add(thread(start, new Deliveries(world, new Random(seed * 7 + round), size.deliveries(), deadline)));
        start.countDown();
        for (Thread t : threads) {
            t.join(Math.max(1, deadline - System.currentTimeMillis() + world.timeoutMillis() + 5_000L));
            if (t.isAlive()) {
                findings.add("liveness: a round ends within its time limit", t.getName() + " still running");
            }
        }
        sessions.forEach(s -> {
            Thread t = threads.get(sessions.indexOf(s));
            if (t.isAlive()) {
                s.closeQuietly();
            }
        });
        for (RandomSession s : sessions) {
            s.quiet();
        }
    }

    private static Thread thread(CountDownLatch start, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                start.await();
                body.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "suite-" + body);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void check(int round) throws IOException {
        Map<String, Map<String, List<UserCheck.Found>>> snapshot = new HashMap<>();
        for (int i = 0; i < users.size(); i++) {
            TestUser u = users.get(i);
            int port = world.imapPorts().get((round + i) % world.imapPorts().size());
            snapshot.put(u.username(), new UserCheck(world, backend.store(), u).run(port));
        }
        for (Ledger.Expectation e : world.ledger().settle()) {
            if (snapshot.get(e.user()) == null) {
                continue; // the checker's session failed; that is a finding of its own
            }
            List<UserCheck.Found> box = snapshot.get(e.user()).get(e.mailbox());
            boolean there = box != null && box.stream().anyMatch(m -> e.messageId().equals(m.messageId())
                    && (e.uid() == null || e.uid() == m.uid()));
            if (!there) {
                findings.add("messages: no acknowledged message is lost", e.user() + " " + e.mailbox() + ": <"
                        + e.messageId() + "> (" + e.how() + (e.uid() == null ? "" : ", UID " + e.uid()) + ") is "
                        + (box == null ? "in a mailbox that is not listed" : "not among its " + box.size() + " messages"));
            }
        }
        snapshot.entrySet().removeIf(e -> e.getValue() == null);
        snapshot.forEach((user, boxes) -> boxes.forEach((name, messages) -> messages.forEach(m -> {
            if (m.deleted()) {
                world.ledger().atRisk(user, name, List.of(m.uid()));
            } else if (m.messageId() != null) {
                world.ledger().expect(new Ledger.Expectation(user, name, m.uid(), m.messageId(), "present after round " + round));
            }
        })));
        new StoreProbe(backend.database(), findings).check();
        for (int pass = 0; pass < 2; pass++) {
            backend.store().blobs().collect(Duration.ZERO).block(Duration.ofSeconds(60));
        }
    }
}
