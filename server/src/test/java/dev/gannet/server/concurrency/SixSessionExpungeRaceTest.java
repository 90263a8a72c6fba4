package dev.gannet.server.concurrency;

import dev.gannet.core.testing.TestUser;

import java.io.IOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #14's first measurement as a test: users A and B each have a message with the same 150,000-byte
 * attachment (one deduplicated blob, refs 2); A's is {@code \Deleted}, and six sessions of A send EXPUNGE at
 * the same moment (RFC 3501 §6.4.3: one message, expunged once). Afterwards A's counters and quota are exact
 * (STATUS MESSAGES 0, never negative), the blob's refs is 1 once the expunged message is purged, and after
 * several collector passes B's message
 * still reads back byte-exact within the socket timeout. Repeated a few times per backend, each with new users.
 */
class SixSessionExpungeRaceTest {

    private static final int SESSIONS = 6;
    private static final int ATTEMPTS = 2;

    @Test
    void onTheMemoryStore() throws Exception {
        race(Backend.single("the memory store", Backend.node().build()));
    }

    @Test
    void onTheH2Store() throws Exception {
        race(Backend.single("the H2 store", Backend.node().durable().build()));
    }

    private static void race(Backend backend) throws Exception {
        long seed = ConcurrencySuite.seed();
        Findings findings = new Findings(seed);
        List<TestUser> users = new ArrayList<>();
        World world = new World(users, backend.imapPorts(), backend.lmtpPorts(), new MailPool(seed), new Ledger(findings),
                findings, 10_000);
        int port = backend.imapPorts().get(0);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(MailPool.SHARED_ATTACHMENT));
        try (backend) {
            System.out.println("six-session EXPUNGE race on " + backend.name() + ": seed " + seed);
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                findings.round(attempt);
                String tag = Long.toString(seed, 36) + "r" + attempt + "n" + Long.toString(System.nanoTime() % 100_000, 36);
                TestUser a = backend.createUser("racea" + tag, 1L << 30);
                TestUser b = backend.createUser("raceb" + tag, 1L << 30);
                users.clear();
                users.addAll(List.of(a, b));
                StoreProbe probe = new StoreProbe(backend.database(), findings);
                long before = refs(probe, hash);
                append(world, b, "b." + tag, false);
                append(world, a, "a." + tag, true);
                long shared = refs(probe, hash);
                if (shared != before + 2) {
                    findings.add("blobs: the shared attachment is one blob, referenced by both messages", "refs " + before
                            + " before the two appends, " + shared + " after (blob " + hash.substring(0, 12) + "…)");
                }
                expungeTogether(world, a, port);
                new UserCheck(world, backend.store(), a).run(port);
                // the expunged message stays readable for sessions not yet told until it is purged
                backend.store().maintenance().purgeExpunged().block(Duration.ofSeconds(60));
                long after = refs(probe, hash);
                if (after != before + 1) {
                    findings.add("blobs: an expunge releases the message's reference once", "refs " + shared
                            + " before the race, " + after + " after; B still uses the blob (blob " + hash.substring(0, 12) + "…)");
                }
                probe.check();
                for (int pass = 0; pass < 3; pass++) {
                    backend.store().blobs().collect(Duration.ZERO).block(Duration.ofSeconds(60));
                }
                new UserCheck(world, backend.store(), b).run(port); // B's message byte-exact, within the timeout
            }
        }
        assertThat(findings.isEmpty()).as(findings.report(backend.name() + ", six sessions racing EXPUNGE")).isTrue();
    }

    private static long refs(StoreProbe probe, String hash) {
        long[] blob = probe.blobs().get(hash);
        return blob == null ? 0 : blob[0];
    }

    private static void append(World world, TestUser user, String id, boolean deleted) throws IOException {
        byte[] message = MailPool.withShared(id + "@suite.gannet.test", "figures " + id);
        world.ledger().register(message);
        try (SuiteImapClient c = new SuiteImapClient(world.imapPorts().get(0), "append(" + user.username() + ")",
                world.findings(), world.timeoutMillis())) {
            c.login(user.username(), user.password());
            assertThat(c.append("INBOX", deleted ? "\\Deleted" : "", message, true).ok()).isTrue();
            c.logout();
        }
    }

    /** Six sessions select INBOX, meet at a barrier, and each sends EXPUNGE at once. */
    private static void expungeTogether(World world, TestUser a, int port) throws Exception {
        List<SuiteImapClient> clients = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            SuiteImapClient c = new SuiteImapClient(port, "expunger" + i + "(" + a.username() + ")", world.findings(),
                    world.timeoutMillis());
            c.login(a.username(), a.password());
            c.command("SELECT INBOX");
            clients.add(c);
        }
        CyclicBarrier barrier = new CyclicBarrier(SESSIONS);
        List<Thread> threads = new ArrayList<>();
        for (SuiteImapClient c : clients) {
            Thread t = new Thread(() -> {
                try {
                    barrier.await(20, TimeUnit.SECONDS);
                    c.command("EXPUNGE");
                    c.command("NOOP");
                    c.logout();
                } catch (ProtocolFailure f) {
                    world.findings().add(f.invariant(), f.getMessage());
                } catch (Exception e) {
                    world.findings().add("liveness: sessions run without I/O errors", c.label() + ": " + e);
                } finally {
                    c.close();
                }
            }, c.label());
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
            if (t.isAlive()) {
                world.findings().add("liveness: every command completes within the socket timeout", t.getName() + " still running");
            }
        }
    }
}
