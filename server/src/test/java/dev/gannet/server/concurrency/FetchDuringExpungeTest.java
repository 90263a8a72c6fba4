package dev.gannet.server.concurrency;

import dev.gannet.core.testing.TestUser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #14's second measurement as a test: ten sessions on one INBOX. LMTP deliveries arrive while all are
 * selected (each new message is \Recent in one session only, RFC 3501 §2.3.2); then one session expunges half
 * the messages while the nine others, not yet told, FETCH everything (ENVELOPE, BODYSTRUCTURE, BODY[]) and
 * SEARCH ALL. Until they are told, the expunged messages still exist for them (§7.4.1): every response must
 * parse, every BODY[] must be the bytes sent (or NIL, RFC 2180 §4.1.3), and SEARCH ALL must list them all.
 */
class FetchDuringExpungeTest {

    private static final int SESSIONS = 10;
    private static final int MESSAGES = 12;

    @Test
    void onTheMemoryStore() throws Exception {
        run(Backend.single("the memory store", Backend.node().build()));
    }

    @Test
    void onTheH2Store() throws Exception {
        run(Backend.single("the H2 store", Backend.node().durable().build()));
    }

    private static void run(Backend backend) throws Exception {
        long seed = ConcurrencySuite.seed();
        Findings findings = new Findings(seed);
        List<TestUser> users = new ArrayList<>();
        World world = new World(users, backend.imapPorts(), backend.lmtpPorts(), new MailPool(seed), new Ledger(findings),
                findings, 10_000);
        try (backend) {
            System.out.println("fetch during expunge on " + backend.name() + ": seed " + seed);
            findings.round(1);
            TestUser a = backend.createUser("fde" + Long.toString(seed, 36) + Long.toString(System.nanoTime() % 100_000, 36), 1L << 30);
            users.add(a);
            fill(world, a);
            List<SuiteImapClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < SESSIONS; i++) {
                    SuiteImapClient c = new SuiteImapClient(world.imapPorts().get(0), "s" + i + "(" + a.username() + ")",
                            findings, world.timeoutMillis());
                    c.onFetch(new FetchChecks(world.ledger(), findings, a.username(), c.label())::check);
                    c.login(a.username(), a.password());
                    c.command("SELECT INBOX");
                    clients.add(c);
                }
                deliver(world, a, 3);
                together(clients, findings, (i, c) -> { // all told of the deliveries at once: \Recent goes to one
                    c.command("NOOP");
                    c.command("UID FETCH 1:* (UID FLAGS)");
                });
                clients.get(0).command("STORE 1:" + MESSAGES / 2 + " +FLAGS.SILENT (\\Deleted)");
                together(clients, findings, (i, c) -> {
                    if (i == 0) {
                        c.command("EXPUNGE");
                        return;
                    }
                    int known = c.view().size();
                    c.command("FETCH 1:* (UID FLAGS ENVELOPE BODYSTRUCTURE BODY.PEEK[])");
                    SuiteImapClient.Reply r = c.command("SEARCH ALL");
                    new SearchChecks(findings, c.label(), c.view()).check(r, false, "ALL", known);
                    c.command("FETCH 1:* (UID BODY)");
                });
                for (SuiteImapClient c : clients) {
                    c.command("NOOP");
                    c.command("FETCH 1:* (UID FLAGS)");
                    c.logout();
                }
            } catch (ProtocolFailure f) {
                findings.add(f.invariant(), f.getMessage());
            } finally {
                clients.forEach(SuiteImapClient::close);
            }
            new UserCheck(world, backend.store(), a).run(world.imapPorts().get(0));
            new StoreProbe(backend.database(), findings).check();
        }
        assertThat(findings.isEmpty()).as(findings.report(backend.name() + ", fetching while another session expunges")).isTrue();
    }

    /** What one session does once all are released. */
    private interface Step {
        void run(int index, SuiteImapClient client) throws Exception;
    }

    /** Runs {@code step} on every session at the same moment (released by a barrier), each in its own thread. */
    private static void together(List<SuiteImapClient> clients, Findings findings, Step step) throws InterruptedException {
        CyclicBarrier barrier = new CyclicBarrier(clients.size());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            SuiteImapClient c = clients.get(i);
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    barrier.await(20, TimeUnit.SECONDS);
                    step.run(index, c);
                } catch (ProtocolFailure f) {
                    findings.add(f.invariant(), f.getMessage());
                } catch (Exception e) {
                    findings.add("liveness: sessions run without I/O errors", c.label() + ": " + e);
                }
            }, c.label());
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
            if (t.isAlive()) {
                findings.add("liveness: every command completes within the socket timeout", t.getName() + " still running");
            }
        }
    }

    private static void fill(World world, TestUser a) throws IOException {
        try (SuiteImapClient c = new SuiteImapClient(world.imapPorts().get(0), "fill(" + a.username() + ")",
                world.findings(), world.timeoutMillis())) {
            c.login(a.username(), a.password());
            java.util.Random random = new java.util.Random(1);
            for (int i = 0; i < MESSAGES; i++) {
                byte[] m = world.pool().next(random, i % 3 == 0 ? 1 : 0);
                world.ledger().register(m);
                c.append("INBOX", "", m, true);
            }
            c.logout();
        }
    }

    private static void deliver(World world, TestUser a, int count) throws IOException {
        try (LmtpClient lmtp = new LmtpClient(world.lmtpPorts().get(0), world.timeoutMillis())) {
            java.util.Random random = new java.util.Random(2);
            for (int i = 0; i < count; i++) {
                byte[] m = world.pool().next(random, 0);
                world.ledger().registerDelivery(m);
                List<String> replies = lmtp.deliver(List.of(a.address().toString()), m);
                if (!replies.get(0).startsWith("250")) {
                    world.findings().add("lmtp: a delivery to an existing user is accepted", replies.get(0));
                }
            }
        }
    }
}
